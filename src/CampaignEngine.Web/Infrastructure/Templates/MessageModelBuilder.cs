using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost.Settings;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>The person a message or page speaks to, as far as its templates may know them.</summary>
internal sealed record MessageReader(string FullName, string Language, string Country, string? City);

/// <summary>
/// Builds what a template sees (<see cref="TemplateValues"/>): the messages a send renders, the tracked pages their links
/// open, the editor's trial render and the certificate a delivery hands over all get their model here, so the values
/// and the public addresses in them are made one way. The module's signature and sender name are its settings in force
/// (<paramref name="settings"/>; without it, as golden files render, the manifest's defaults).
/// </summary>
internal sealed class MessageModelBuilder(IConfiguration configuration, UiText texts, IModuleSettings? settings = null)
{
    private readonly string _baseUrl = (configuration["PublicBaseUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public string TrackedLink(string token) => $"{_baseUrl}/r/{token}";
    public string UnsubscribeLink(string token) => $"{_baseUrl}/u/{token}";
    public string HolderLink(string token) => $"{_baseUrl}/c/{token}";
    public string MeLink(string token) => $"{_baseUrl}/me/{token}";
    public string VerifyUrl(string serial) => $"{_baseUrl}/verify/{Uri.EscapeDataString(serial)}";

    /// <summary>The page behind a person's link where their questions and the desk's answers stand.</summary>
    public string QuestionsLink(string token) => $"{_baseUrl}/r/{token}/questions";

    /// <summary>
    /// The values a message or page sees for <paramref name="reader"/>, in the reader's language; <paramref name="title"/>
    /// is the campaign's public title already chosen for that language; <paramref name="meToken"/> opens the person's own
    /// page (null where no person is known: <c>links.me</c> is then empty); <paramref name="project"/> is the first
    /// project the campaign collects for, null when none (<see cref="Cause"/>).
    /// </summary>
    public MessageModel Message(ModuleManifest module, long campaignId, string title, MessageReader reader, string token, CertificateModel? certificate = null,
        AnswerModel? answer = null, string? meToken = null, AppealCause? project = null)
    {
        var language = reader.Language;
        return new MessageModel(
            new RecipientModel(reader.FullName, FirstName(reader.FullName), language, reader.Country,
                Countries.Find(reader.Country)?.Name.In(language) ?? reader.Country, reader.City),
            new CampaignModel(campaignId, title),
            Module(module, language),
            new LinksModel(TrackedLink(token), UnsubscribeLink(token), meToken is null ? "" : MeLink(meToken)),
            certificate,
            answer,
            Cause(project ?? module.Cause, title, language));
    }

    /// <summary>
    /// What the appeal asks for: a campaign for a project speaks of that project, one for none of its module's standing
    /// cause, so that two campaigns of one module do not both name the module's flagship; without either, its title.
    /// A text missing in the reader's language falls back as a campaign's title does.
    /// </summary>
    private static CauseModel Cause(AppealCause? cause, string title, string language) =>
        cause is null ? new CauseModel(title, "") : new CauseModel(In(cause.Title, language) ?? title, In(cause.Description, language) ?? "");

    private static string? In(LocalizedText text, string language) =>
        Written(text.In(language)) ?? Written(text.Ru) ?? Written(text.Ky) ?? Written(text.En);

    private static string? Written(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private ModuleModel Module(ModuleManifest module, string language)
    {
        var values = settings?.Of(module) ?? SettingValues.Defaults(module);
        return new ModuleModel(module.Id, module.Name.In(language), module.Issuer.Name.In(language), RegionName(module, language),
            values.Signature.In(language), values.SenderName(language) ?? module.Issuer.Name.In(language));
    }

    /// <summary>The desk's answer a message carries: its text, and the questions page opened by the message's own <paramref name="token"/>.</summary>
    public AnswerModel Answer(string text, string token) => new(text, QuestionsLink(token));

    /// <summary>The certificate a delivery message hands over, opened by the holder's own <paramref name="holderToken"/>.</summary>
    public CertificateModel Certificate(string serial, string kind, LocalizedText issuer, string holderToken, DateOnly expiresOn)
    {
        var key = "cert.kind." + kind;
        var kindTitle = new LocalizedText(texts.Get("ky", key), texts.Get("ru", key), texts.Get("en", key));
        return new CertificateModel(serial, kind, kindTitle, issuer, HolderLink(holderToken), VerifyUrl(serial), expiresOn);
    }

    public static string FirstName(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? fullName;

    private static string RegionName(ModuleManifest module, string language) =>
        module.Regions.Count == 1 && Regions.Find(module.Regions[0]) is { } region
            ? region.Name.In(language)
            : new LocalizedText("Кыргызстан", "Кыргызстан", "Kyrgyzstan").In(language);
}
