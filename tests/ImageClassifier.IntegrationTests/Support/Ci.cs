namespace ImageClassifier.IntegrationTests.Support;

/// <summary>CI sets <c>CI=true</c>; there, a missing prerequisite is a failure, never a skip.</summary>
public static class Ci
{
    public static bool IsRunning => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
