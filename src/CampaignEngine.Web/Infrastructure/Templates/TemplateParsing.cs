using Scriban;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>A template that does not parse or render, with where and why, for the person who wrote it.</summary>
public sealed class TemplateException(string message) : Exception(message);

public static class TemplateParsing
{
    public static Template ParseOrThrow(string text, string sourceName)
    {
        var template = Template.Parse(text, sourceName);
        if (!template.HasErrors) return template;
        // Scriban's spans are zero-based; people count lines and columns from one.
        var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
        throw new TemplateException(
            $"{sourceName}: line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}");
    }

    /// <summary>The errors of <paramref name="text"/> as "line L, column C: message", empty when it parses.</summary>
    public static IReadOnlyList<string> Errors(string text)
    {
        var template = Template.Parse(text);
        return template.Messages
            .Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error)
            .Select(m => $"line {m.Span.Start.Line + 1}, column {m.Span.Start.Column + 1}: {m.Message}")
            .ToList();
    }
}
