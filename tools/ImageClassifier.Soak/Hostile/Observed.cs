using System.Text;
using System.Text.Json;

namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// What one request got back, reduced to what the acceptance lines judge: the status, the content type, and whether the
/// body is an <c>application/problem+json</c> object with a string <c>code</c>. No status means no answer at all.
/// </summary>
internal sealed record Observed(int? Status, string? ContentType, string? Code, bool IsProblem, string BodyStart, string? Error)
{
    public const int BodyStartLength = 160;

    public bool IsServerError => Status >= 500;

    public bool IsClientError => Status is >= 400 and < 500;

    /// <summary>A 4xx without a problem body: the client gets a status and nothing to act on.</summary>
    public bool IsBareClientError => IsClientError && !IsProblem;

    public static Observed NoAnswer(string error) => new(null, null, null, false, "", error);

    public static Observed From(int status, string? contentType, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var start = text.Length <= BodyStartLength ? text : text[..BodyStartLength] + "...";
        var code = IsProblemType(contentType) ? ProblemCode(text) : null;
        return new Observed(status, contentType, code, code is not null, start, null);
    }

    private static bool IsProblemType(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/problem+json", StringComparison.OrdinalIgnoreCase);

    private static string? ProblemCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
