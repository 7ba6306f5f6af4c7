using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The host that Program.cs builds can create every function class: the Functions runtime resolves them per invocation,
/// and a missing registration would only show there, on the first event. Function classes are found by reflection, so
/// a new one is covered without touching this file.
/// </summary>
public sealed class FunctionHostTests
{
    private static readonly Assembly AppAssembly = typeof(ImageClassifier.Functions.Hosting.ServiceCollectionExtensions).Assembly;

    public static TheoryData<string> FunctionClasses => [.. DiscoverFunctionClasses()];

    [SkippableFact]
    public void Function_classes_are_found_for_every_function_in_functions_metadata()
    {
        var declaringTypes = FunctionsMetadata.All
            .Select(f => (string)f["entryPoint"]!)
            .Select(e => e[..e.LastIndexOf('.')])
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(declaringTypes, DiscoverFunctionClasses());
    }

    [SkippableTheory]
    [MemberData(nameof(FunctionClasses))]
    public void Function_class_resolves_from_the_program_host(string functionClass)
    {
        // Arrange
        using var host = ProgramHost.Build(ProgramHost.Settings());
        using var scope = host.Services.CreateScope();
        var type = AppAssembly.GetType(functionClass, throwOnError: true)!;

        // Act
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);

        // Assert
        Assert.IsType(type, instance);
    }

    [SkippableFact]
    public void Program_host_options_pass_start_up_validation()
    {
        using var host = ProgramHost.Build(ProgramHost.Settings());

        var exception = Record.Exception(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(exception);
    }

    [SkippableFact]
    public void Missing_storage_setting_stops_start_up_with_a_message_naming_it()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ProgramHost.Build(ProgramHost.Settings(("AzureWebJobsStorage", null))));

        Assert.Contains("AzureWebJobsStorage", exception.Message);
    }

    [SkippableTheory]
    [InlineData("LabelsTable", "labels table!")]
    [InlineData("ImagesContainer", "Images_Container")]
    [InlineData("Classifier:ExecutionProvider", "tpu")]
    [InlineData("Classifier:ExecutionProvider", "7")]
    [InlineData("Classifier:MicroBatching", "sometimes")]
    [InlineData("Classifier:WarmUpWait", "01:00:00")]
    public void Invalid_setting_stops_start_up_with_a_message_naming_it(string setting, string value)
    {
        using var host = ProgramHost.Build(ProgramHost.Settings((setting, value)));

        var exception = Record.Exception(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        // A name the binder cannot convert fails in binding, a value out of range in validation: both stop start-up.
        Assert.True(exception is OptionsValidationException or InvalidOperationException, exception?.ToString() ?? "no exception");
        Assert.Contains(setting, exception?.Message);
    }

    [SkippableTheory]
    [InlineData("CUDA", ExecutionProvider.Cuda)]
    [InlineData("Cpu", ExecutionProvider.Cpu)]
    public void Execution_provider_setting_is_read_ignoring_case(string value, ExecutionProvider expected)
    {
        using var host = ProgramHost.Build(ProgramHost.Settings(("Classifier:ExecutionProvider", value)));

        var options = host.Services.GetRequiredService<IOptions<ClassifierOptions>>().Value;

        Assert.Equal(expected, options.ExecutionProvider);
    }

    private static IEnumerable<string> DiscoverFunctionClasses() => AppAssembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .Select(t => t.FullName!)
        .Order(StringComparer.Ordinal);
}
