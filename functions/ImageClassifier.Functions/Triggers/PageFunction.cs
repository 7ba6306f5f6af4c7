using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary><c>GET /api/page</c>: a self-contained page to try the classifier. It calls <c>/api/classify</c> with the key from its own <c>?code=</c>.</summary>
public sealed class PageFunction
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(PageFunction).Assembly.GetManifestResourceStream("ImageClassifier.Functions.Web.index.html")
            ?? throw new InvalidOperationException("The page resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [Function("Page")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "page")] HttpRequest request) =>
        TypedResults.Content(Html.Value, "text/html; charset=utf-8");
}
