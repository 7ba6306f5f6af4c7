using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// A queue-triggered function of the function app, found by its attributes as the host finds it in
/// <c>functions.metadata</c>: its name, its queue (with <c>%setting%</c> resolved from configuration) and a way to
/// invoke it with a decoded message. Each invocation gets a new instance in a new scope, as in the host.
/// </summary>
internal sealed class QueueTriggeredFunction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Type _type;
    private readonly MethodInfo _method;

    private QueueTriggeredFunction(string name, string queue, Type type, MethodInfo method)
    {
        Name = name;
        Queue = queue;
        _type = type;
        _method = method;
    }

    public string Name { get; }

    public string Queue { get; }

    /// <summary>Every <c>[QueueTrigger]</c> function in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<QueueTriggeredFunction> Discover(Assembly assembly, IConfiguration configuration) =>
    [
        .. from type in assembly.GetExportedTypes()
           from method in type.GetMethods()
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(a => a is not null)
           where function is not null && trigger is not null
           select Create(function.Name, Resolve(trigger.QueueName, configuration), type, method),
    ];

    /// <summary>Runs the function on <paramref name="message"/>; its exception, if any, propagates unwrapped.</summary>
    public async Task InvokeAsync(IServiceProvider services, string message, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, _type);
        var arguments = _method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? cancellationToken : Bind(message, p.ParameterType)).ToArray();
        try
        {
            if (_method.Invoke(instance, arguments) is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
        }
    }

    private static QueueTriggeredFunction Create(string name, string queue, Type type, MethodInfo method)
    {
        // Only what this runner can bind: the message and a cancellation token. Anything else fails at start, not per message.
        var unsupported = method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<QueueTriggerAttribute>() is null && p.ParameterType != typeof(CancellationToken));
        if (unsupported is not null)
        {
            throw new NotSupportedException($"serve cannot bind parameter '{unsupported.Name}' of function {name}: only the queue message and a CancellationToken are bound locally.");
        }

        return new QueueTriggeredFunction(name, queue, type, method);
    }

    private static object Bind(string message, Type type) =>
        type == typeof(string) ? message
        : type == typeof(BinaryData) ? BinaryData.FromString(message)
        : type == typeof(byte[]) ? System.Text.Encoding.UTF8.GetBytes(message)
        : JsonSerializer.Deserialize(message, type, Json) ?? throw new JsonException($"The message is not a {type.Name}.");

    // "%Setting%" parts are app settings, as the host's name resolver reads them.
    private static string Resolve(string queueName, IConfiguration configuration) =>
        System.Text.RegularExpressions.Regex.Replace(queueName, "%([^%]+)%", m =>
            configuration[m.Groups[1].Value] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Queue name '{queueName}' needs the app setting {m.Groups[1].Value}."));
}
