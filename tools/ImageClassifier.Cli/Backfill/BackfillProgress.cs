using ImageClassifier.Backfill;
using Spectre.Console;

namespace ImageClassifier.Cli.Backfill;

/// <summary>
/// Follows a job until it ends (done or incomplete): a progress bar on a terminal; otherwise (a pipe, a log, CI) one plain
/// line whenever the counts change.
/// </summary>
internal static class BackfillProgress
{
    /// <summary>How often the status is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Polls <paramref name="read"/> until the job ends; its final status.</summary>
    public static async Task<BackfillStatus> FollowAsync(Func<CancellationToken, Task<BackfillStatus>> read, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected)
        {
            return await PollAsync(read, status => Console.WriteLine(Line(status)), cancellationToken);
        }

        BackfillStatus? final = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("listing", maxValue: 1);
                final = await PollAsync(read, status =>
                {
                    bar.MaxValue = Math.Max(status.Listed, 1);
                    bar.Value = status.Listed - status.Remaining;
                    bar.Description = $"{status.State}: {status.Done} labelled, {status.Skipped} skipped, {status.Failed} failed of {status.Listed}";
                }, cancellationToken);
            });
        return final!;
    }

    /// <summary>The status in one line.</summary>
    public static string Line(BackfillStatus status) =>
        $"{status.State}: listed {status.Listed}, labelled {status.Done}, skipped {status.Skipped}, failed {status.Failed}, remaining {status.Remaining}";

    private static async Task<BackfillStatus> PollAsync(Func<CancellationToken, Task<BackfillStatus>> read, Action<BackfillStatus> show, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var status = await read(cancellationToken);
            var line = Line(status);
            if (line != shown)
            {
                show(status);
                shown = line;
            }

            if (status.Ended)
            {
                return status;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
