using System.Text.RegularExpressions;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Templates;
using Scriban;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Checks a module's templates before it runs, so that a template that would fail a send fails the module's load
/// instead: every file under <c>templates/</c> is named <c>&lt;template&gt;.&lt;lang&gt;.&lt;part&gt;.sbn</c> and parses
/// (file, line and Scriban's message when not), and every template the manifest declares exists in each of its
/// languages, in the module's folder or among the host's shared templates.
/// </summary>
internal static partial class ModuleTemplates
{
    private static readonly string[] Parts = [PartFallback.Subject, PartFallback.Text, PartFallback.Short, PartFallback.Page, PartFallback.Html];

    /// <summary>The template files of <paramref name="source"/>, by name, in order.</summary>
    public static IReadOnlyList<string> Files(string templatesPath) =>
        Directory.Exists(templatesPath)
            ? [.. Directory.GetFiles(templatesPath).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)]
            : [];

    public static IEnumerable<ModuleLoadError> Check(ModuleSource source, ModuleManifest manifest, string sharedTemplates)
    {
        foreach (var file in source.Templates)
        {
            var shownAs = $"{source.Folder}/templates/{file}";
            if (FileName().Match(file) is not { Success: true } name || !Parts.Contains(name.Groups["part"].Value) || !Languages.IsKnown(name.Groups["lang"].Value))
            {
                yield return new(shownAs, null, $"not a template file name: expected <template>.<{string.Join('|', Languages.All)}>.<{string.Join('|', Parts)}>.sbn");
                continue;
            }
            var text = File.ReadAllText(Path.Combine(source.TemplatesPath, file));
            foreach (var error in TemplateParsing.Errors(Template.Parse(text, shownAs), text, shownAs))
                yield return new(shownAs, error.Line, $"the template does not parse: {error.Message} (column {error.Column})");
        }
        foreach (var missing in Missing(source, manifest, sharedTemplates))
            yield return new($"{source.Folder}/templates", null, missing);
    }

    // A certificate is a printable page; a message needs its subject and text (the other parts have stand-ins).
    private static IEnumerable<string> Missing(ModuleSource source, ModuleManifest manifest, string sharedTemplates)
    {
        foreach (var template in manifest.Templates)
        foreach (var language in manifest.Languages)
        foreach (var part in template == "certificate" ? [PartFallback.Html] : new[] { PartFallback.Subject, PartFallback.Text })
        {
            var file = $"{template}.{language}.{part}.sbn";
            if (!source.Templates.Contains(file) && !File.Exists(Path.Combine(sharedTemplates, file)))
                yield return $"the manifest declares '{template}', which has no {file} here or among the shared templates";
        }
    }

    [GeneratedRegex(@"^(?<template>[a-z][a-z0-9]*(-[a-z0-9]+)*)\.(?<lang>[a-z]{2})\.(?<part>[a-z]+)\.sbn$")]
    private static partial Regex FileName();
}
