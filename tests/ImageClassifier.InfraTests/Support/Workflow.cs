using YamlDotNet.RepresentationModel;

namespace ImageClassifier.InfraTests.Support;

/// <summary>A GitHub Actions workflow file, parsed, with the few lookups the checks need.</summary>
internal sealed class Workflow
{
    private Workflow(string path, string text, YamlMappingNode root)
    {
        Path = path;
        Text = text;
        Root = root;
    }

    public string Path { get; }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public static Workflow Load(string fileName)
    {
        var path = System.IO.Path.Combine(Repo.Workflows, fileName);
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new Workflow(path, text, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Triggers => Map(Root, "on");

    public IReadOnlyDictionary<string, YamlMappingNode> Jobs =>
        Map(Root, "jobs").Children.ToDictionary(pair => Scalar(pair.Key), pair => (YamlMappingNode)pair.Value);

    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps)
            ? ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>()
            : [];

    public static string? Uses(YamlMappingNode step) => Get(step, "uses");

    public static string? Name(YamlMappingNode step) => Get(step, "name");

    public static string? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Scalar(value) : null;

    public static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new KeyNotFoundException($"no mapping '{key}'");

    public static bool TryMap(YamlMappingNode node, string key, out YamlMappingNode map)
    {
        map = node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode found ? found : new YamlMappingNode();
        return map.Children.Count > 0;
    }

    public static IReadOnlyList<string> Needs(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("needs"), out var needs)
            ? needs is YamlSequenceNode list ? list.Children.Select(Scalar).ToList() : [Scalar(needs)]
            : [];

    public static string Scalar(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : node.ToString();
}
