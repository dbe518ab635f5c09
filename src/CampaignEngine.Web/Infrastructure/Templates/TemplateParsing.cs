using Scriban;
using Scriban.Parsing;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Where a template went wrong and why, for the person who wrote it: <paramref name="Source"/> names the file or
/// part (null when the problem is not in one template), <paramref name="Line"/> and <paramref name="Column"/> count
/// from one, as people do, and are null when the problem has no place (a render that ran too long).
/// </summary>
internal sealed record TemplateError(string? Source, int? Line, int? Column, string Message)
{
    /// <summary>The error at <paramref name="span"/>: Scriban's spans count from zero.</summary>
    public static TemplateError At(string? source, SourceSpan span, string message) =>
        new(source, span.Start.Line + 1, span.Start.Column + 1, message);

    public override string ToString()
    {
        var place = Line is null ? "" : $"line {Line}, column {Column}: ";
        return Source is null ? place + Message : $"{Source}: {place}{Message}";
    }
}

/// <summary>A template that does not parse or render; <see cref="Error"/> says where and why, its message reads the same.</summary>
internal sealed class TemplateException(TemplateError error) : Exception(error.ToString())
{
    public TemplateException(string message) : this(new TemplateError(null, null, null, message))
    {
    }

    public TemplateError Error { get; } = error;
}

internal static class TemplateParsing
{
    public static Template ParseOrThrow(string text, string sourceName)
    {
        var template = Template.Parse(text, sourceName);
        if (!template.HasErrors) return template;
        throw new TemplateException(Errors(template, sourceName)[0]);
    }

    /// <summary>The parse errors of <paramref name="template"/>, each at its place in <paramref name="source"/>; empty when it parses.</summary>
    public static IReadOnlyList<TemplateError> Errors(Template template, string? source) =>
        template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => TemplateError.At(source, m.Span, m.Message))
            .ToList();
}
