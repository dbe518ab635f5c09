using CampaignEngine.Web.Features.Projects.Photos;
using System.Security.Cryptography;

namespace CampaignEngine.Web.Features.Projects;

/// <summary>A file accepted for an update and already written under the uploads folder.</summary>
internal sealed record StoredUpload(string StoredName, string ContentType, string OriginalName, long Size);

/// <summary>
/// Photos and documents attached to project updates. The type is decided by the file's first bytes, never by
/// its name or the browser's word, and the file is stored under a random name in the uploads folder
/// (Uploads:Path, by default beside the database), so nothing the uploader chose reaches the file system.
/// Photos lose their metadata (EXIF with GPS, XMP, comments) first: see <see cref="PhotoMetadata"/>.
/// </summary>
internal sealed class ProjectFiles
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 5;

    private static readonly Dictionary<string, (string Extension, string[] Names)> Types = new()
    {
        ["image/jpeg"] = (".jpg", [".jpg", ".jpeg"]),
        ["image/png"] = (".png", [".png"]),
        ["image/webp"] = (".webp", [".webp"]),
        ["application/pdf"] = (".pdf", [".pdf"]),
    };

    public ProjectFiles(IConfiguration configuration)
    {
        Root = configuration["Uploads:Path"] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configuration["Database:Path"] ?? "data/campaign-engine.db"))!, "uploads");
    }

    public string Root { get; }

    /// <summary>The media type the content really has, from its signature; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        return null;
    }

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Checks every file before writing any; on a problem returns the field ("files[1]") and why, and writes nothing.</summary>
    public async Task<(IReadOnlyList<StoredUpload> Stored, string? Field, string? Error)> SaveAsync(IReadOnlyList<IFormFile> files, CancellationToken cancel)
    {
        if (files.Count > MaxFiles) return ([], "files", $"Attach at most {MaxFiles} files to one update.");
        var accepted = new List<(byte[] Bytes, string Type, string Name)>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Length == 0) return ([], $"files[{i}]", "The file is empty.");
            if (file.Length > MaxBytes) return ([], $"files[{i}]", $"The file is larger than {MaxBytes / 1024 / 1024} MB.");
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancel);
            var bytes = buffer.ToArray();
            var type = Sniff(bytes);
            if (type is null) return ([], $"files[{i}]", "Only JPEG, PNG or WebP photos and PDF documents are accepted.");
            var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
            if (extension.Length > 0 && !Types[type].Names.Contains(extension))
                return ([], $"files[{i}]", $"The file is named {extension} but its content is {type}.");
            // Published to anyone: a phone photo's GPS position and camera details go before it is stored.
            if (PhotoMetadata.Strip(bytes, type) is not { } clean)
                return ([], $"files[{i}]", "The photo could not be read; save it again as JPEG, PNG or WebP.");
            accepted.Add((clean, type, OriginalName(file.FileName, Types[type].Extension)));
        }
        Infrastructure.Files.OwnerOnly.Folder(Root);
        var stored = new List<StoredUpload>();
        foreach (var (bytes, type, name) in accepted)
        {
            var storedName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + Types[type].Extension;
            await File.WriteAllBytesAsync(Path.Combine(Root, storedName), bytes, cancel);
            if (IsImage(type) && PhotoThumbnails.Of(bytes) is { } thumbnail)
                await File.WriteAllBytesAsync(Path.Combine(Root, PhotoThumbnails.NameFor(storedName)), thumbnail, cancel);
            stored.Add(new StoredUpload(storedName, type, name, bytes.Length));
        }
        return (stored, null, null);
    }

    /// <summary>Removes files whose database rows were not written, so a failed update leaves nothing behind.</summary>
    public void Delete(IEnumerable<StoredUpload> files)
    {
        foreach (var file in files)
        {
            File.Delete(Path.Combine(Root, file.StoredName));
            File.Delete(Path.Combine(Root, PhotoThumbnails.NameFor(file.StoredName)));
        }
    }

    /// <summary>
    /// The path of a stored photo's thumbnail, made now when it has none (photos uploaded before thumbnails existed):
    /// written under a temporary name and moved into place, so two requests at once both end with the same whole file.
    /// Null when the photo cannot be read.
    /// </summary>
    public string? ThumbnailOf(string storedName)
    {
        var path = PathOf(PhotoThumbnails.NameFor(storedName));
        if (File.Exists(path)) return path;
        var original = PathOf(storedName);
        if (!File.Exists(original) || PhotoThumbnails.Of(File.ReadAllBytes(original)) is not { } thumbnail) return null;
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        File.WriteAllBytes(temporary, thumbnail);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public string PathOf(string storedName) => Path.Combine(Root, Path.GetFileName(storedName));

    // Kept for the download name only: no folders, no control characters, a sane length.
    private static string OriginalName(string name, string extension)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray()).Trim();
        if (clean.Length > 100) clean = clean[..100];
        return clean.Length == 0 ? "file" + extension : clean;
    }
}
