namespace ImageClassifier.Tests.Support;

/// <summary>An engine on the ResNet-18 featurizer with 512 placeholder labels, created on first use.</summary>
public class FeaturizerFixture : IDisposable
{
    private readonly object _gate = new();
    private TempModelDirectory? _directory;
    private ClassifierEngine? _engine;

    public ClassifierEngine Engine
    {
        get
        {
            var onnx = FeaturizerModel.Require();
            lock (_gate)
            {
                if (_engine is null)
                {
                    _directory = new TempModelDirectory("resnet18-featurizer").WithModelFrom(onnx).WithLabels(FeaturizerModel.Labels());
                    _engine = EngineFixture.Create(_directory.Path, Configure);
                }

                return _engine;
            }
        }
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _directory?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Adjusts the engine's options after the test defaults are set.</summary>
    protected virtual void Configure(ClassifierOptions options)
    {
    }
}
