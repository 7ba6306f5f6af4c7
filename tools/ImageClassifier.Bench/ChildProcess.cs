using System.Diagnostics;

namespace ImageClassifier.Bench;

/// <summary>Runs bench's probes or the imgclass CLI in a new process, timing lines of its output from the moment it was started.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>This program, for its hidden probe commands.</summary>
    public const string Bench = "imgclass-bench";

    /// <summary>The command-line tool, for <c>serve</c>.</summary>
    public const string Cli = "imgclass";

    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<(string Line, double AtMs)> _lines = [];
    private readonly object _gate = new();

    private ChildProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Milliseconds since the process was started.</summary>
    public double ElapsedMs => _clock.Elapsed.TotalMilliseconds;

    /// <summary>
    /// Starts <paramref name="program"/>: an assembly built beside bench (<see cref="Bench"/> or <see cref="Cli"/>), or
    /// the full path of a published launcher.
    /// </summary>
    public static ChildProcess Start(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // The apphost where the build made one, else the framework-dependent dll through the dotnet running bench.
        var apphost = Path.IsPathRooted(program) ? program : Path.Combine(AppContext.BaseDirectory, program);
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo(Environment.ProcessPath is { } host && host.EndsWith("dotnet", StringComparison.Ordinal) ? host : "dotnet");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (!File.Exists(apphost))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var child = new ChildProcess(process, clock);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Milliseconds from start to the first output line starting with <paramref name="prefix"/>.</summary>
    public async Task<(string Line, double AtMs)> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (_gate)
            {
                foreach (var entry in _lines)
                {
                    if (entry.Line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return entry;
                    }
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The child exited with code {_process.ExitCode} before printing '{prefix}':\n{Output()}");
            }

            await Task.Delay(2, cancellationToken);
        }

        throw new TimeoutException($"No line starting with '{prefix}' within {timeout.TotalSeconds:F0} s:\n{Output()}");
    }

    /// <summary>Every output line so far starting with <paramref name="prefix"/>, with its time, in order.</summary>
    public IReadOnlyList<(string Line, double AtMs)> Lines(string prefix)
    {
        lock (_gate)
        {
            return [.. _lines.Where(entry => entry.Line.StartsWith(prefix, StringComparison.Ordinal))];
        }
    }

    /// <summary>Waits until the process has exited and its output has been read to the end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
    }

    /// <summary>Peak resident memory (VmHWM) in MB, read from /proc while the process runs.</summary>
    public double? PeakResidentMb()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The last 40 lines the process wrote, stdout and stderr interleaved.</summary>
    public string Output()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.TakeLast(40).Select(l => l.Line));
        }
    }

    /// <summary>Stops the process if it still runs: SIGTERM, so serve stops cleanly, then kill after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets serve stop cleanly; kill if it does not.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        var at = _clock.Elapsed.TotalMilliseconds;
        lock (_gate)
        {
            _lines.Add((line, at));
        }
    }
}
