namespace ImageClassifier.IntegrationTests;

/// <summary>POST /api/backfill refuses what it cannot run with a problem naming the field; GET of an unknown job is a 404 problem.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillRequestTests(StorageFixture storage)
{
    [SkippableTheory]
    [InlineData("""{"container": "CONTAINER"}""", "invalid_container")]
    [InlineData("""{"prefix": "a/"}""", "invalid_container")]
    [InlineData("""{"container": "images", "mode": "everything"}""", "invalid_mode")]
    [InlineData("""{"container": "images", "mode": 1}""", "invalid_mode")]
    [InlineData("""{"container": "images", "prefix": 7}""", "invalid_prefix")]
    [InlineData("""["images"]""", "invalid_body")]
    [InlineData("""container=images""", "invalid_body")]
    public async Task Backfill_request_that_cannot_be_run_is_a_400_problem_naming_the_field(string body, string code)
    {
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));

        var (response, _) = await BackfillCalls.StartAsync(app, new StringContent(body));

        ProblemAssert.Is(response, 400, code);
    }

    [SkippableFact]
    public async Task Backfill_of_a_container_that_does_not_exist_is_a_404_problem()
    {
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));

        var (response, _) = await BackfillCalls.StartAsync(app, new { container = "no-such-" + names.Container });

        ProblemAssert.Is(response, 404, "container_not_found");
    }

    [SkippableTheory]
    [InlineData("0190a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("not-a-job")]
    public async Task Status_of_an_unknown_job_is_a_404_problem(string job)
    {
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));

        ProblemAssert.Is(await BackfillCalls.StatusAsync(app, job), 404, "not_found");
    }

    [SkippableFact]
    public async Task Accepted_backfill_answers_202_with_the_job_id_and_its_location()
    {
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));

        var (response, location) = await BackfillCalls.StartAsync(app, new { container = names.Container, mode = "all" });

        Assert.Equal(202, response.Status);
        var job = response.Json.GetProperty("id").GetString();
        Assert.Equal($"/api/backfill/{job}", location);
        var status = await BackfillCalls.StatusAsync(app, job!);
        Assert.Equal(("listing", "all"), (status.Json.GetProperty("state").GetString(), status.Json.GetProperty("mode").GetString()));
    }
}
