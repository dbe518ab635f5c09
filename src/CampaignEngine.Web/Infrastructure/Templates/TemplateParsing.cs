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
        var errors = Errors(template, text, sourceName);
        return errors.Count == 0 ? template : throw new TemplateException(errors[0]);
    }

    /// <summary>
    /// The parse errors of <paramref name="template"/>, parsed from <paramref name="text"/>, each at its place in
    /// <paramref name="source"/>; empty when it parses.
    /// </summary>
    public static IReadOnlyList<TemplateError> Errors(Template template, string text, string? source)
    {
        var errors = template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => TemplateError.At(source, m.Span, m.Message))
            .ToList();
        if (errors.Count == 0 && UnclosedTag(text, source) is { } unclosed) errors.Add(unclosed);
        return errors;
    }

    /// <summary>
    /// A last tag opened with "{{" and never closed. Scriban reads the rest of the text as code and renders it, so a
    /// forgotten "}}" passes every other check, and the next person to add a line after it breaks the template
    /// without knowing why. (An earlier unclosed tag swallows the text after it and fails to parse on its own.)
    /// </summary>
    private static TemplateError? UnclosedTag(string text, string? source)
    {
        var open = text.LastIndexOf("{{", StringComparison.Ordinal);
        if (open < 0 || text.IndexOf("}}", open + 2, StringComparison.Ordinal) >= 0) return null;
        var before = text.AsSpan(0, open);
        var line = before.Count('\n') + 1;
        var column = open - before.LastIndexOf('\n');
        return new TemplateError(source, line, column, "this tag opens with {{ and is never closed with }}");
    }
}
