using System.Text.Json;
using System.Text.RegularExpressions;
using ImageClassifier.Backfill;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// The body of <c>POST /api/backfill</c>: <c>{"container": "images", "prefix": "", "mode": "missing" | "stale" | "all"}</c>
/// (prefix defaults to "", mode to <c>missing</c>). Anything else is refused with a problem naming the field.
/// </summary>
public sealed partial record BackfillRequest(string Container, string Prefix, BackfillMode Mode)
{
    /// <summary>Code of a body that is not a JSON object of the documented shape.</summary>
    public const string InvalidBodyCode = "invalid_body";

    /// <summary>Code of a container name the storage service would refuse.</summary>
    public const string InvalidContainerCode = "invalid_container";

    /// <summary>Code of a prefix that no blob name can start with (over 1,024 characters).</summary>
    public const string InvalidPrefixCode = "invalid_prefix";

    /// <summary>Code of a mode other than missing, stale or all.</summary>
    public const string InvalidModeCode = "invalid_mode";

    /// <summary>Code of a container that does not exist.</summary>
    public const string ContainerNotFoundCode = "container_not_found";

    // A body is three short fields; anything much larger is not one.
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxPrefixLength = 1024;

    [GeneratedRegex(StorageOptions.ContainerNamePattern)]
    private static partial Regex ContainerName();

    /// <summary>Reads and checks the body; exactly one of the results is non-null.</summary>
    public static async Task<(BackfillRequest? Request, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return (null, Invalid(InvalidBodyCode, $"The body is over {MaxBodyBytes} bytes; a backfill request is a small JSON object."));
            }
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Check(document.RootElement)
                : (null, Invalid(InvalidBodyCode, "The body must be a JSON object: {\"container\": \"images\", \"prefix\": \"\", \"mode\": \"missing\"}."));
        }
        catch (JsonException)
        {
            return (null, Invalid(InvalidBodyCode, "The body is not JSON; send {\"container\": \"images\", \"prefix\": \"\", \"mode\": \"missing\"}."));
        }
    }

    private static (BackfillRequest?, IResult?) Check(JsonElement body)
    {
        if (Text(body, "container") is not { } container || !ContainerName().IsMatch(container))
        {
            return (null, Invalid(InvalidContainerCode, "'container' must be a container name: 3-63 lowercase letters, digits and single hyphens."));
        }

        var prefix = body.TryGetProperty("prefix", out var p) && p.ValueKind != JsonValueKind.Null ? Text(body, "prefix") : "";
        if (prefix is null || prefix.Length > MaxPrefixLength)
        {
            return (null, Invalid(InvalidPrefixCode, $"'prefix' must be a string of at most {MaxPrefixLength} characters."));
        }

        var modeName = body.TryGetProperty("mode", out var m) && m.ValueKind != JsonValueKind.Null ? Text(body, "mode") : BackfillJobs.ModeName(BackfillMode.Missing);
        if (!BackfillJobs.TryParseMode(modeName, out var mode))
        {
            return (null, Invalid(InvalidModeCode, "'mode' must be \"missing\", \"stale\" or \"all\"."));
        }

        return (new BackfillRequest(container, prefix, mode), null);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IResult Invalid(string code, string detail) => Problems.Create(Problems.StatusFor(code), code, detail);
}
