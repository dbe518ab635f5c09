using System.Collections.Concurrent;
using CampaignEngine.Core.Reference;
using Microsoft.Extensions.Options;
using Scriban;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// A template found for a request, with the language it is actually written in. <paramref name="Version"/> is set
/// for a template edited in the product (its Path is then a name, not a file).
/// </summary>
internal sealed record TemplateSource(string Path, string Language, string Text, long? Version = null);

/// <summary>
/// Finds template files (<c>&lt;name&gt;.&lt;lang&gt;.&lt;part&gt;.sbn</c> in the module's own <c>templates/</c> folder,
/// which the module host names, then in <c>_shared/</c>) with language fallback (the recipient's language, then the
/// module's other languages, then the shared ones) and keeps parsed
/// templates so that a send of a million messages parses each file once. Lookups and file stamps are
/// remembered for <see cref="Freshness"/>: a dispatch renders four parts per message, and probing up to six
/// paths and reading each file every time cost more than the rendering (measured by bench/). An edited or
/// added template is still picked up within seconds.
/// </summary>
internal sealed class TemplateStore(IOptions<TemplateOptions> options, IModuleTemplateFolders modules, ITemplateOverrides? overrides = null)
{
    public const string SharedFolder = "_shared";
    private static readonly long Freshness = (long)TimeSpan.FromSeconds(2).TotalMilliseconds;
    private readonly ConcurrentDictionary<string, (DateTime Stamp, Template Parsed, long CheckedAt)> _parsed = new();
    private readonly ConcurrentDictionary<(string, string, string, string), (TemplateSource? Source, long FoundAt)> _found = new();

    public string Root { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    private string SharedRoot => System.IO.Path.Combine(Root, SharedFolder);

    /// <summary>Forgets remembered lookups, so that a template saved a moment ago is used by the next message.</summary>
    public void Forget() => _found.Clear();

    /// <summary>
    /// The template part in force for a reader of <paramref name="language"/>, or its stand-in (<see cref="PartFallback"/>)
    /// when the template has none of it in any language; null when neither exists.
    /// </summary>
    public TemplateSource? Find(string moduleId, IReadOnlyList<string> moduleLanguages, string name, string language, string part)
    {
        // The module's languages are fixed by its manifest, so the module id stands for them in the key.
        var key = (moduleId, name, language, part);
        var now = Environment.TickCount64;
        if (_found.TryGetValue(key, out var hit) && now - hit.FoundAt < Freshness) return hit.Source;
        var source = PartFallback.Chain(part).Select(p => Probe(moduleId, moduleLanguages, name, language, p)).FirstOrDefault(s => s is not null);
        _found[key] = (source, now);
        return source;
    }

    private TemplateSource? Probe(string moduleId, IReadOnlyList<string> moduleLanguages, string name, string language, string part)
    {
        var own = modules.TemplatesOf(moduleId);
        foreach (var folder in new[] { own, SharedRoot })
        {
            var shared = folder == SharedRoot;
            var offered = shared ? Languages.All : moduleLanguages;
            foreach (var candidate in Languages.FallbackOrder(language, offered))
            {
                // A template edited in the product wins over the shipped file of the same module and language.
                if (!shared && overrides?.Find(moduleId, name, candidate, part) is { } edited)
                    return new TemplateSource($"{moduleId}/{name}.{candidate}.{part} (edited)", candidate, edited.Text, edited.Version);
                if (folder is null) continue;
                var path = System.IO.Path.Combine(folder, $"{name}.{candidate}.{part}.sbn");
                if (File.Exists(path)) return new TemplateSource(path, candidate, File.ReadAllText(path));
            }
        }
        return null;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> naming the file, line and column of the first error.</summary>
    public Template Parse(TemplateSource source)
    {
        var now = Environment.TickCount64;
        if (source.Version is { } version)
        {
            // Edited templates change their version on every save, so the version is the whole cache key.
            var key = $"{source.Path}#{version}";
            if (_parsed.TryGetValue(key, out var edited)) return edited.Parsed;
            var parsedEdit = TemplateParsing.ParseOrThrow(source.Text, source.Path);
            _parsed[key] = (DateTime.MinValue, parsedEdit, now);
            return parsedEdit;
        }
        if (_parsed.TryGetValue(source.Path, out var cached))
        {
            if (now - cached.CheckedAt < Freshness) return cached.Parsed;
            var current = File.GetLastWriteTimeUtc(source.Path);
            if (cached.Stamp == current)
            {
                _parsed[source.Path] = cached with { CheckedAt = now };
                return cached.Parsed;
            }
        }
        var stamp = File.GetLastWriteTimeUtc(source.Path);
        var parsed = TemplateParsing.ParseOrThrow(source.Text, Shown(source.Path));
        _parsed[source.Path] = (stamp, parsed, now);
        return parsed;
    }

    // Errors name a file as people find it: a module's by its module folder (IssykKul/templates/appeal.ky.text.sbn),
    // a shared one by _shared/ (a folder not called templates/ is named alone).
    private static string Shown(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var shown = System.IO.Path.Combine(System.IO.Path.GetFileName(folder), System.IO.Path.GetFileName(path));
        return System.IO.Path.GetFileName(folder) == "templates"
            ? System.IO.Path.Combine(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(folder)) ?? "", shown)
            : shown;
    }
}
