namespace ImageClassifier.Soak.Report;

/// <summary>One acceptance line: its target, what the run measured, and whether it held (null: not measured in this run).</summary>
internal sealed record Verdict(string Line, string Target, string Measured, bool? Pass)
{
    public string Mark => Pass switch { true => "pass", false => "FAIL", null => "not measured" };
}
