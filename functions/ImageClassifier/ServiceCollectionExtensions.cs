using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier;

/// <summary>Registers the classification engine.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ClassifierEngine"/> as a singleton with <see cref="ClassifierOptions"/> bound from the
    /// <c>Classifier</c> section, validated at start-up.
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

        services.AddSingleton<ClassifierEngine>();
        return services;
    }
}
