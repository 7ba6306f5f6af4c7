using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli.Settings;

/// <summary>
/// Composes the engine for a command the way the function app does: <see cref="ServiceCollectionExtensions.AddClassifierEngine"/>
/// over configuration from <c>Classifier__*</c> environment variables and the options the command line gave, with the
/// same DataAnnotations and model-directory validation, checked before anything is loaded.
/// </summary>
public static class EngineFactory
{
    /// <summary>
    /// A validated engine, nothing loaded yet. <paramref name="oneShot"/> commands (classify, bench) default to no
    /// run-time optimised copy: they would compete with their own work and may exit before it is written.
    /// </summary>
    /// <exception cref="InvalidSettingsException">A setting or option is invalid; the message names it.</exception>
    public static ClassifierEngine Create(SettingOverrides overrides, bool oneShot, LogLevel level = LogLevel.Warning, Action<ClassifierOptions>? configure = null)
    {
        // Every engine loads a model: ONNX Runtime's native library loads while the settings are composed and checked.
        ClassifierEngine.PrepareRuntime();
        var services = Compose(overrides, oneShot, level, configure);
        Validate(services, overrides);
        return services.GetRequiredService<ClassifierEngine>();
    }

    /// <summary>The validated options alone, for commands that need no engine (optimize).</summary>
    /// <exception cref="InvalidSettingsException">A setting or option is invalid; the message names it.</exception>
    public static ClassifierOptions Options(SettingOverrides overrides)
    {
        using var services = Compose(overrides, oneShot: true, LogLevel.Warning, configure: null);
        return Validate(services, overrides);
    }

    private static ServiceProvider Compose(SettingOverrides overrides, bool oneShot, LogLevel level, Action<ClassifierOptions>? configure)
    {
        var defaults = new Dictionary<string, string?>();
        if (oneShot)
        {
            defaults[$"{ClassifierOptions.SectionName}:{nameof(ClassifierOptions.SaveOptimizedCopy)}"] = "false";
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(defaults)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides.Values)
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(builder => builder
                .SetMinimumLevel(level)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddClassifierEngine(configure)
            .BuildServiceProvider();
    }

    // Resolving the options binds and validates them, as ValidateOnStart does when a host starts.
    private static ClassifierOptions Validate(IServiceProvider services, SettingOverrides overrides)
    {
        try
        {
            return services.GetRequiredService<IOptions<ClassifierOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new InvalidSettingsException(string.Join(Environment.NewLine, ex.Failures.Select(f => Describe(f, overrides))), ex);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains($"'{ClassifierOptions.SectionName}:", StringComparison.Ordinal))
        {
            // The binder's "Failed to convert configuration value 'abc' at 'Classifier:MaxImageBytes' to type ...".
            throw new InvalidSettingsException(Describe(ex.Message, overrides), ex);
        }
    }

    private static string Describe(string failure, SettingOverrides overrides)
    {
        var options = overrides.OptionsNamedIn(failure).ToList();
        return options.Count > 0
            ? $"{string.Join(", ", options)}: {failure}"
            : $"invalid setting (Classifier__* environment variables): {failure}";
    }
}
