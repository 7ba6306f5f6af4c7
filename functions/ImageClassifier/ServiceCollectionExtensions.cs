using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageClassifier;

/// <summary>Registers the classification engine.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ClassifierEngine"/> as a singleton with <see cref="ClassifierOptions"/> bound from the
    /// <c>Classifier</c> section, validated at start-up (a missing model directory stops the host, naming the setting).
    /// </summary>
    public static IServiceCollection AddClassifierEngine(this IServiceCollection services, Action<ClassifierOptions>? configure = null)
    {
        var options = services.AddOptions<ClassifierOptions>()
            .BindConfiguration(ClassifierOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<ClassifierOptions>, ModelDirectoryValidator>();
        services.AddSingleton<ClassifierEngine>();
        return services;
    }
}
