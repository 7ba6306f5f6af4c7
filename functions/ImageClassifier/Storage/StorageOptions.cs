using System.ComponentModel.DataAnnotations;

namespace ImageClassifier.Storage;

/// <summary>
/// The app's storage settings, bound from the root configuration (app settings <c>LabelsTable</c>,
/// <c>ImagesContainer</c>, <c>StoreTimeout</c>): where images arrive, where labels go, and how long an HTTP request
/// waits for its label write.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>A valid blob container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public const string ContainerNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";

    /// <summary>Table that receives one entity per labelled image.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "LabelsTable must be 3-63 letters or digits, starting with a letter.")]
    public string LabelsTable { get; set; } = "ImageLabels";

    /// <summary>Container whose new blobs are labelled.</summary>
    [Required]
    [RegularExpression(ContainerNamePattern, ErrorMessage = "ImagesContainer must be a valid container name (3-63 lowercase letters, digits, single hyphens).")]
    public string ImagesContainer { get; set; } = "images";

    /// <summary>How long an HTTP request waits for the table write before answering with <c>stored: false</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
