using ImageClassifier.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// A started host with the function app's own registrations (<c>AddImageLabelling</c>), for calling function classes
/// directly: each call gets a new function instance, as in the Functions host.
/// </summary>
public sealed class FunctionApp : IAsyncDisposable
{
    private readonly IHost _host;

    private FunctionApp(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the host; <paramref name="logs"/>, when given, receives every entry from Information up;
    /// <paramref name="services"/> registers more, before the app's own services (as Program.cs adds telemetry).
    /// </summary>
    public static async Task<FunctionApp> StartAsync(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddImageLabelling(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new FunctionApp(host);
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
