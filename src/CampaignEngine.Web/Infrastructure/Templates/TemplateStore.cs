using System.Collections.Concurrent;
using CampaignEngine.Core.Reference;
using Microsoft.Extensions.Options;
using Scriban;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>A template file found for a request, with the language it is actually written in.</summary>
public sealed record TemplateSource(string Path, string Language, string Text);

/// <summary>
/// Finds template files (<c>&lt;module&gt;/&lt;name&gt;.&lt;lang&gt;.&lt;part&gt;.sbn</c>) with language fallback
/// (the recipient's language, then the module's other languages, then <c>_shared/</c>) and keeps parsed
/// templates so that a send of a million messages parses each file once.
/// </summary>
public sealed class TemplateStore(IOptions<TemplateOptions> options)
{
    public const string SharedFolder = "_shared";
    private readonly ConcurrentDictionary<string, (DateTime Stamp, Template Parsed)> _parsed = new();

    public string Root { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    public TemplateSource? Find(string moduleId, IReadOnlyList<string> moduleLanguages, string name, string language, string part)
    {
        foreach (var folder in new[] { moduleId, SharedFolder })
        {
            var offered = folder == SharedFolder ? Languages.All : moduleLanguages;
            foreach (var candidate in Languages.FallbackOrder(language, offered))
            {
                var path = System.IO.Path.Combine(Root, folder, $"{name}.{candidate}.{part}.sbn");
                if (File.Exists(path)) return new TemplateSource(path, candidate, File.ReadAllText(path));
            }
        }
        return null;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> naming the file, line and column of the first error.</summary>
    public Template Parse(TemplateSource source)
    {
        var stamp = File.GetLastWriteTimeUtc(source.Path);
        if (_parsed.TryGetValue(source.Path, out var cached) && cached.Stamp == stamp) return cached.Parsed;
        var parsed = TemplateParsing.ParseOrThrow(source.Text, System.IO.Path.GetRelativePath(Root, source.Path));
        _parsed[source.Path] = (stamp, parsed);
        return parsed;
    }
}
