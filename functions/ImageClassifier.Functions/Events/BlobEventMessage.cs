using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ImageClassifier.Functions.Events;

/// <summary>
/// One storage event read from a queue message: its type and the blob URL in <c>data.url</c>. Event Grid writes the
/// event JSON to the queue base64-encoded (MicrosoftDocs/azure-docs #102923; it once wrote plain text, #69702), and the
/// host decodes base64 before the function sees the message; plain JSON and a still-encoded body are both read here,
/// so the function does not depend on <c>messageEncoding</c>. Event Grid schema (<c>eventType</c>) and CloudEvents
/// (<c>type</c>) are both accepted; so is an array of events.
/// </summary>
public sealed record BlobEventMessage(string EventType, string Url)
{
    /// <summary>The event type Event Grid raises when a blob is created or replaced.</summary>
    public const string BlobCreated = "Microsoft.Storage.BlobCreated";

    /// <summary>
    /// Reads the events in <paramref name="message"/>, or returns null with <paramref name="problem"/> saying why the
    /// message is not a storage event (so it can be logged once and completed, never retried into the poison queue).
    /// </summary>
    public static IReadOnlyList<BlobEventMessage>? Parse(string message, out string? problem)
    {
        problem = null;
        var json = Decode(message.AsSpan().Trim());
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var parsed = new List<BlobEventMessage>(events.Count);
            foreach (var element in events)
            {
                if (ReadOne(element) is not { } one)
                {
                    problem = "an event has no type or no data.url";
                    return null;
                }

                parsed.Add(one);
            }

            if (parsed.Count == 0)
            {
                problem = "the message holds no event";
                return null;
            }

            return parsed;
        }
        catch (JsonException)
        {
            problem = "the message is not JSON (nor base64-encoded JSON)";
            return null;
        }
    }

    private static BlobEventMessage? ReadOne(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = String(element, "eventType") ?? String(element, "type");
        var url = element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? String(data, "url") : null;
        return type is null || url is null ? null : new BlobEventMessage(type, url);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    // JSON starts with '{' or '['; anything else that is valid base64 is decoded once.
    private static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is not ('{' or '[') && Base64.IsValid(text, out var length))
        {
            var bytes = new byte[length];
            if (Convert.TryFromBase64Chars(text, bytes, out var written))
            {
                return bytes[..written];
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
