namespace ImageClassifier.Tests.Support;

/// <summary>An engine on the ResNet-18 featurizer with 512 placeholder labels, created on first use.</summary>
public sealed class FeaturizerFixture : IDisposable
{
    private TempModelDirectory? _directory;
    private ClassifierEngine? _engine;

    public ClassifierEngine Engine
    {
        get
        {
            var onnx = FeaturizerModel.Require();
            lock (this)
            {
                if (_engine is null)
                {
                    _directory = new TempModelDirectory("resnet18-featurizer").WithModelFrom(onnx).WithLabels(FeaturizerModel.Labels());
                    _engine = EngineFixture.Create(_directory.Path);
                }

                return _engine;
            }
        }
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _directory?.Dispose();
    }
}
