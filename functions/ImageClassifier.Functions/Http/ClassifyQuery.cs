using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>The query of <c>POST /api/classify</c>: <c>top</c> (1-20, default 5) and <c>store</c> (default true).</summary>
public sealed record ClassifyQuery(int Top, bool Store)
{
    /// <summary>Largest <c>top</c> accepted.</summary>
    public const int MaxTop = 20;

    /// <summary>Parses the query; throws <see cref="UploadRejectedException"/> (400) for bad values.</summary>
    public static ClassifyQuery Parse(IQueryCollection query, int defaultTop)
    {
        var top = defaultTop;
        if (query.TryGetValue("top", out var topValue))
        {
            if (!int.TryParse(topValue.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop)
            {
                throw new UploadRejectedException(StatusCodes.Status400BadRequest, "invalid_top", $"top must be a whole number from 1 to {MaxTop}; got '{topValue}'.");
            }
        }

        var store = true;
        if (query.TryGetValue("store", out var storeValue))
        {
            store = storeValue.ToString().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => throw new UploadRejectedException(StatusCodes.Status400BadRequest, "invalid_store", $"store must be true or false; got '{storeValue}'."),
            };
        }

        return new ClassifyQuery(top, store);
    }
}
