using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Infrastructure.Templates;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>The parts of a person the message templates may use.</summary>
internal sealed record RecipientRow(long Id, string FullName, string Language, string Country, string? City, string? Email, string? Phone, string? Telegram);

/// <summary>A message rendered for one person: subject, long text, short text (SMS and messengers) and optional HTML.</summary>
internal sealed record RenderedMessage(string Language, string Subject, string Text, string Short, string? Html);

/// <summary>The parts of a message to render: a send needs only those its channel carries.</summary>
[Flags]
internal enum MessageParts
{
    Subject = 1,
    Text = 2,
    Short = 4,
    Html = 8,
    /// <summary>What an e-mail carries.</summary>
    Email = Subject | Text | Html,
    /// <summary>What SMS, WhatsApp and Telegram carry.</summary>
    Messenger = Short,
    All = Subject | Text | Short | Html,
    /// <summary>The parts rendered as plain text.</summary>
    Plain = Subject | Text | Short,
}

/// <summary>
/// A template's parts found and parsed for one requested language (null: not asked for, or no HTML part);
/// <paramref name="Language"/> is the one the text is actually written in (it differs when the module falls back).
/// </summary>
internal sealed record MessageTemplates(string RequestedLanguage, string Language, Template? Subject, Template? Text,
    Template? Short, Template? Html);

/// <summary>Renders a campaign's template for one recipient, in their language with the module's fallback.</summary>
internal sealed partial class MessageComposer(TemplateStore store, TemplateRenderer renderer, MessageModelBuilder models)
{
    public string TrackedLink(string token) => models.TrackedLink(token);
    public string UnsubscribeLink(string token) => models.UnsubscribeLink(token);
    public string QuestionsLink(string token) => models.QuestionsLink(token);

    public static MessageParts PartsFor(string channel) => channel == "email" ? MessageParts.Email : MessageParts.Messenger;

    /// <summary>
    /// Renders <paramref name="parts"/> (the rest stay empty): at tens of thousands of messages a second the
    /// parts a channel never carries are most of the rendering time.
    /// </summary>
    public RenderedMessage Compose(ModuleManifest module, long campaignId, CampaignTitle title, string template, RecipientRow recipient, string token,
        MessageParts parts = MessageParts.All, CertificateModel? certificate = null, string? answer = null, string? meToken = null, AppealCause? project = null) =>
        Compose(Templates(module, template, LanguageFor(module, recipient), parts), module, campaignId, title, recipient, token, parts, certificate, answer, meToken, project);

    /// <summary>
    /// Renders with templates already found and parsed (<see cref="Templates"/>): a dispatcher finds them once per
    /// batch and language instead of once per message and part.
    /// </summary>
    public RenderedMessage Compose(MessageTemplates templates, ModuleManifest module, long campaignId, CampaignTitle title, RecipientRow recipient,
        string token, MessageParts parts, CertificateModel? certificate = null, string? answer = null, string? meToken = null, AppealCause? project = null)
    {
        var language = templates.RequestedLanguage;
        var model = models.Message(module, campaignId, title.For(language, module.Languages),
            new MessageReader(recipient.FullName, language, recipient.Country, recipient.City), token, certificate,
            answer is null ? null : models.Answer(answer, token), meToken, project);
        // Most parts are plain substitutions (SubstitutionPlan); the rest share one set of script objects per output kind.
        ScriptObject? plain = null;
        string Plain(MessageParts part, Template? template) =>
            parts.HasFlag(part) && template is not null ? WithoutEmptyParagraphs(renderer.Render(template, model, html: false, ref plain).Trim()) : "";
        ScriptObject? html = null;
        return new RenderedMessage(
            templates.Language,
            Plain(MessageParts.Subject, templates.Subject),
            Plain(MessageParts.Text, templates.Text),
            Plain(MessageParts.Short, templates.Short),
            templates.Html is null || !parts.HasFlag(MessageParts.Html) ? null : renderer.Render(templates.Html, model, html: true, ref html));
    }

    /// <summary>
    /// A paragraph a value left empty (a project with no description as <c>cause.description</c>) leaves one blank line
    /// between its neighbours, not three.
    /// </summary>
    private static string WithoutEmptyParagraphs(string text) =>
        text.Contains("\n\n\n", StringComparison.Ordinal) ? ExtraBlankLines().Replace(text, "\n\n") : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\n(?:[ \t]*\n){2,}")]
    private static partial System.Text.RegularExpressions.Regex ExtraBlankLines();

    /// <summary>The language a recipient is written to: their own when the product knows it, else the module's first.</summary>
    public static string LanguageFor(ModuleManifest module, RecipientRow recipient) =>
        Languages.IsKnown(recipient.Language) ? recipient.Language : module.Languages[0];

    /// <summary>
    /// Finds a template's parts for one language (with the module's fallback) and parses those in <paramref name="parts"/>,
    /// so a broken part a channel never carries does not stop it; throws <see cref="TemplateException"/>.
    /// </summary>
    public MessageTemplates Templates(ModuleManifest module, string template, string language, MessageParts parts)
    {
        var subject = Find(module, template, language, PartFallback.Subject);
        var text = Find(module, template, language, PartFallback.Text);
        var shortText = store.Find(module.Id, module.Languages, template, language, PartFallback.Short);
        var html = store.Find(module.Id, module.Languages, template, language, PartFallback.Html);
        Template? Parsed(MessageParts part, TemplateSource? source) => parts.HasFlag(part) && source is not null ? store.Parse(source) : null;
        return new MessageTemplates(language, text.Language, Parsed(MessageParts.Subject, subject), Parsed(MessageParts.Text, text),
            Parsed(MessageParts.Short, shortText), Parsed(MessageParts.Html, html));
    }

    private TemplateSource Find(ModuleManifest module, string template, string language, string part) =>
        store.Find(module.Id, module.Languages, template, language, part)
        ?? throw new TemplateException($"Module '{module.Id}' has no '{template}' template part '{part}' in any language.");
}
