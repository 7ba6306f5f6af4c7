using ImageClassifier.Soak.Memory;

namespace ImageClassifier.Soak.Tests;

public sealed class ProcStatusTests
{
    private const string Status = "Name:\tdotnet\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 3524940 kB\nVmSize:\t 3458392 kB\nVmHWM:\t  712348 kB\nVmRSS:\t  301220 kB\nRssAnon:\t  250000 kB\nThreads:\t31\n";

    [Fact]
    public void Resident_and_peak_memory_are_read_in_kilobytes_of_1024_bytes()
    {
        var status = ProcStatus.Parse(Status);

        Assert.Equal(301220L * 1024, status.RssBytes);
        Assert.Equal(712348L * 1024, status.PeakRssBytes);
    }

    [Fact]
    public void A_status_without_resident_memory_is_rejected()
    {
        // Kernel threads have no VmRSS line.
        var kernelThread = "Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n";

        Assert.Throws<FormatException>(() => ProcStatus.Parse(kernelThread));
    }

    [Fact]
    public void A_status_line_in_other_units_is_rejected()
    {
        Assert.Throws<FormatException>(() => ProcStatus.Parse("VmHWM:\t 12 MB\nVmRSS:\t 10 MB\n"));
    }

    [Fact]
    public async Task The_sampler_reads_this_process_until_disposed()
    {
        IReadOnlyList<RssSample> samples;
        await using (var sampler = new RssSampler(Environment.ProcessId))
        {
            await Task.Delay(RssSampler.Interval * 3);
            samples = sampler.Samples;
        }

        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.True(s.RssBytes > 0 && s.PeakRssBytes >= s.RssBytes, $"{s}"));
    }

    [Fact]
    public void Settled_memory_is_the_first_sample_at_or_after_each_mark_within_the_settle_time()
    {
        var loadEnded = TimeSpan.FromSeconds(20);
        var samples = Enumerable.Range(0, 400).Select(i => new RssSample(TimeSpan.FromSeconds(i * 0.25), 1000 - i, 2000)).ToList();

        var marks = MemoryResult.AtMarks(samples, loadEnded, settleSeconds: 30);

        Assert.Equal([10, 30], marks.Keys);
        Assert.Equal(1000 - 120, marks[10]); // +10 s is 30 s on the clock: sample 120
        Assert.Equal(1000 - 200, marks[30]); // +30 s is 50 s: sample 200
    }

    [Fact]
    public void A_mark_no_sample_reached_is_left_out()
    {
        var samples = Enumerable.Range(0, 100).Select(i => new RssSample(TimeSpan.FromSeconds(i * 0.25), 500, 900)).ToList();

        var marks = MemoryResult.AtMarks(samples, TimeSpan.FromSeconds(5), settleSeconds: 60);

        Assert.Equal([10], marks.Keys);
    }
}
