using System.Diagnostics;
using System.Net.Http.Json;
using ImageClassifier.Backfill;
using ImageClassifier.Functions.Triggers;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Starts a backfill through the function and polls its status until it ends.</summary>
public static class BackfillCalls
{
    /// <summary>POSTs the body (JSON of an object, or <see cref="HttpContent"/> as it is); the answer as the function gives it.</summary>
    public static async Task<(FunctionResponse Response, string? Location)> StartAsync(FunctionApp app, object body)
    {
        var context = await Requests.ContextAsync(app.Services, body as HttpContent ?? JsonContent.Create(body));
        var response = await FunctionResponse.ExecuteAsync(await app.Create<BackfillFunction>().Start(context.Request, CancellationToken.None), context);
        return (response, context.Response.Headers.Location.ToString());
    }

    /// <summary>GET of a job's status.</summary>
    public static async Task<FunctionResponse> StatusAsync(FunctionApp app, string job)
    {
        var context = Requests.Get(app.Services);
        return await FunctionResponse.ExecuteAsync(await app.Create<BackfillFunction>().Status(context.Request, job, CancellationToken.None), context);
    }

    /// <summary>Starts a job and waits for <c>done</c>; the final status. The bound is for a hang, not a speed.</summary>
    public static async Task<JsonElement> RunAsync(FunctionApp app, object body, TimeSpan bound)
    {
        var (started, _) = await StartAsync(app, body);
        Assert.True(started.Status == 202, started.ToString());
        var status = await FollowAsync(app, started.Json.GetProperty("id").GetString()!, bound);
        Assert.True(status.GetProperty("state").GetString() == BackfillStatus.Finished, status.ToString());
        return status;
    }

    /// <summary>Reads a job's status until it ends (<c>done</c> or <c>incomplete</c>); that status.</summary>
    public static async Task<JsonElement> FollowAsync(FunctionApp app, string job, TimeSpan bound)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync(app, job);
            Assert.True(status.Status == 200, status.ToString());
            if (BackfillStatus.IsFinal(status.Json.GetProperty("state").GetString()!))
            {
                return status.Json;
            }

            Assert.True(waited.Elapsed < bound, $"backfill {job} not ended within {bound}: {status.Body}");
            await Task.Delay(200);
        }
    }
}
