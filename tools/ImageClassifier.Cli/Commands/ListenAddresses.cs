using System.Net;

namespace ImageClassifier.Cli.Commands;

/// <summary>
/// Which <c>--urls</c> addresses reach beyond this machine. The local runner has no function keys, so serve listens
/// only on loopback unless the user asks otherwise with <c>--allow-remote</c>.
/// </summary>
internal static class ListenAddresses
{
    /// <summary>The addresses in <paramref name="urls"/> (separated by <c>;</c>, as Kestrel takes them) that are not loopback.</summary>
    public static IReadOnlyList<string> Remote(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();

    // Kestrel's wildcards (*, +, 0.0.0.0, [::]) and any name but localhost listen on, or resolve to, other interfaces.
    private static bool IsLoopback(string url)
    {
        var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = authority.Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
