namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Checks an RFC 7807 answer: status, media type, the stable <c>code</c>, a detail in words, no stack trace.</summary>
public static class ProblemAssert
{
    public static JsonElement Is(FunctionResponse response, int status, string code)
    {
        Assert.True(status == response.Status, $"expected {status} {code}, got {response}");
        Assert.StartsWith("application/problem+json", response.ContentType);
        var problem = response.Json;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", response.Body);
        return problem;
    }
}
