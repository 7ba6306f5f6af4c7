using System.Text;
using ImageClassifier.Soak.Hostile;

namespace ImageClassifier.Soak.Tests;

public sealed class ObservedTests
{
    [Fact]
    public void A_problem_json_body_with_a_code_counts_as_a_problem()
    {
        var observed = Observed.From(415, "application/problem+json; charset=utf-8", Encoding.UTF8.GetBytes("{\"status\":415,\"code\":\"unsupported_format\"}"));

        Assert.True(observed.IsProblem);
        Assert.Equal("unsupported_format", observed.Code);
        Assert.False(observed.IsBareClientError);
    }

    [Theory]
    [InlineData(404, null, "")]
    [InlineData(405, "text/plain", "Method Not Allowed")]
    [InlineData(400, "application/problem+json", "{\"title\":\"Bad Request\",\"status\":400}")]
    [InlineData(400, "application/problem+json", "{\"code\":42}")]
    [InlineData(400, "application/problem+json", "not json")]
    [InlineData(400, "application/json", "{\"code\":\"invalid_top\"}")]
    public void A_client_error_without_a_problem_body_that_has_a_string_code_is_bare(int status, string? contentType, string body)
    {
        var observed = Observed.From(status, contentType, Encoding.UTF8.GetBytes(body));

        Assert.True(observed.IsBareClientError);
        Assert.False(observed.IsServerError);
    }

    [Fact]
    public void A_500_is_a_server_error_whatever_its_body()
    {
        var observed = Observed.From(500, "application/problem+json", Encoding.UTF8.GetBytes("{\"code\":\"internal\"}"));

        Assert.True(observed.IsServerError);
        Assert.False(observed.IsClientError);
    }

    [Fact]
    public void No_answer_is_neither_a_client_nor_a_server_error()
    {
        var observed = Observed.NoAnswer("no response within 30 s");

        Assert.Null(observed.Status);
        Assert.False(observed.IsClientError || observed.IsServerError);
        Assert.False(Expectation.NoServerError().Holds(observed));
    }

    [Fact]
    public void Expectations_hold_only_for_the_status_and_code_they_name()
    {
        var corrupt = Observed.From(400, "application/problem+json", Encoding.UTF8.GetBytes("{\"code\":\"corrupt_image\"}"));
        var accepted = Observed.From(200, "application/json", Encoding.UTF8.GetBytes("{\"labels\":[]}"));

        Assert.True(Expectation.Reject(400, "corrupt_image").Holds(corrupt));
        Assert.False(Expectation.Reject(400, "corrupt_image").Holds(accepted));
        Assert.False(Expectation.Reject(400, "empty_input").Holds(corrupt));
        Assert.True(Expectation.AnyClientError().Holds(corrupt));
        Assert.True(Expectation.Accept().Holds(accepted));
    }

    [Fact]
    public void Long_bodies_are_cut_for_the_report()
    {
        var observed = Observed.From(400, "text/plain", new byte[5000]);

        Assert.Equal(Observed.BodyStartLength + 3, observed.BodyStart.Length);
    }
}
