namespace ImageClassifier.Storage;

/// <summary>What processing one blob event did.</summary>
public enum BlobLabelOutcome
{
    /// <summary>The image was labelled and its record written.</summary>
    Labelled,

    /// <summary>
    /// The image cannot be labelled, or every delivery of its event failed (the poison path); a <c>failed</c> record
    /// was written and it will not be retried.
    /// </summary>
    Failed,

    /// <summary>The record already describes this version of the blob (a redelivered or duplicate event): nothing written.</summary>
    AlreadyLabelled,

    /// <summary>The blob was deleted or replaced before it could be read; the newer version's own event will label it.</summary>
    Gone,
}
