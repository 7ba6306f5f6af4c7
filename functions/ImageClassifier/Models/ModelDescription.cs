namespace ImageClassifier.Models;

/// <summary>What the loaded model is and can do.</summary>
public sealed record ModelDescription(ModelIdentity Identity, string Directory, int Classes, bool DynamicBatch, ExecutionProvider ExecutionProvider, PreprocessSpec Spec);
