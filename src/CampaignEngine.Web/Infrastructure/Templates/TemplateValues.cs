using System.Globalization;
using Scriban.Runtime;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// One value a template may read, as <c>{{ object.member }}</c> (or <c>{{ object }}</c> when it has no member).
/// <see cref="TemplateValue{TModel}.Read"/> gives it unencoded; HTML outputs encode strings.
/// </summary>
internal abstract record TemplateValue(string Object, string? Member)
{
    public string Path => Member is null ? Object : $"{Object}.{Member}";
}

/// <param name="PerCampaign">The same for every recipient of a campaign in one language, so its script objects are shared.</param>
/// <param name="Raw">Markup the product made or checked itself, printed as it is in HTML outputs.</param>
internal sealed record TemplateValue<TModel>(string Object, string? Member, Func<TModel, object?> Read, bool PerCampaign = false, bool Raw = false)
    : TemplateValue(Object, Member);

/// <summary>
/// Everything a template sees besides Scriban's built-ins, in one table: the script objects of a Scriban render and the
/// substitution plans of plain templates are both built from it, so they cannot disagree, and README's tables for
/// template authors are checked against it (<c>TemplateValuesReadmeTests</c>).
/// </summary>
internal static class TemplateValues
{
    public const string Certificate = "certificate";
    public const string Answer = "answer";

    /// <summary>What a message (subject, text, short, HTML) and the tracked page its link opens see.</summary>
    public static readonly IReadOnlyList<TemplateValue<MessageModel>> Messages =
    [
        new("recipient", "name", m => m.Recipient.Name),
        new("recipient", "first_name", m => m.Recipient.FirstName),
        new("recipient", "language", m => m.Recipient.Language),
        new("recipient", "country", m => m.Recipient.Country),
        new("recipient", "country_name", m => m.Recipient.CountryName),
        new("recipient", "city", m => m.Recipient.City),
        new("campaign", "id", m => m.Campaign.Id, PerCampaign: true),
        new("campaign", "title", m => m.Campaign.Title, PerCampaign: true),
        // Templates written before public titles said campaign.name: they get the title too, never the internal name.
        new("campaign", "name", m => m.Campaign.Title, PerCampaign: true),
        new("cause", "title", m => m.Cause?.Title, PerCampaign: true),
        new("cause", "description", m => m.Cause?.Description, PerCampaign: true),
        new("module", "id", m => m.Module.Id, PerCampaign: true),
        new("module", "name", m => m.Module.Name, PerCampaign: true),
        new("module", "issuer", m => m.Module.Issuer, PerCampaign: true),
        new("module", "region_name", m => m.Module.RegionName, PerCampaign: true),
        new("module", "signature", m => m.Module.Signature, PerCampaign: true),
        new("module", "sender_name", m => m.Module.SenderName, PerCampaign: true),
        new("links", "pledge", m => m.Links.Pledge),
        new("links", "unsubscribe", m => m.Links.Unsubscribe),
        new("links", "me", m => m.Links.Me),
        // Only a certificate delivery has these: a model without a certificate has no certificate object at all.
        new(Certificate, "serial", m => m.Certificate?.Serial),
        new(Certificate, "kind", m => m.Certificate?.Kind),
        new(Certificate, "kind_title", m => m.Certificate?.KindTitle.In(m.Recipient.Language)),
        new(Certificate, "issuer", m => m.Certificate?.Issuer.In(m.Recipient.Language)),
        new(Certificate, "link", m => m.Certificate?.Link),
        new(Certificate, "verify_url", m => m.Certificate?.VerifyUrl),
        new(Certificate, "expires_on", m => m.Certificate?.ExpiresOn.ToString(
            m.Recipient.Language == "en" ? "d MMMM yyyy" : "dd.MM.yyyy", CultureInfo.InvariantCulture)),
        // Only a desk answer has these, as only a certificate delivery has a certificate.
        new(Answer, "text", m => m.Answer?.Text),
        new(Answer, "link", m => m.Answer?.Link),
    ];

    /// <summary>What the printed certificate (its <c>certificate</c> HTML template) sees, in the certificate's language.</summary>
    public static readonly IReadOnlyList<TemplateValue<CertificatePaperModel>> Certificates =
    [
        new(Certificate, "serial", c => c.Serial),
        new(Certificate, "kind", c => c.Kind),
        new(Certificate, "kind_title", c => c.KindTitle),
        new(Certificate, "holder_name", c => c.HolderName),
        new(Certificate, "reason", c => c.Reason),
        new(Certificate, "issued_date", c => c.IssuedDate),
        new(Certificate, "verify_url", c => c.VerifyUrl),
        new(Certificate, "status", c => c.Status),
        new(Certificate, "status_note", c => c.StatusNote),
        new(Certificate, "language", c => c.Language),
        new("issuer", "name", c => c.IssuerName),
        new("issuer", "signatory_title", c => c.SignatoryTitle),
        new("issuer", "signatory_name", c => c.SignatoryName),
        // Raw on purpose: the issuer's emblem was accepted only without scripts or external references, and written out again.
        new("issuer", "emblem_svg", c => c.EmblemSvg, Raw: true),
        // The product draws the QR code itself.
        new("qr_svg", null, c => c.QrSvg, Raw: true),
    ];

    /// <summary>The functions messages may call besides Scriban's built-ins (<c>money</c> is there for certificates too).</summary>
    public static readonly IReadOnlyList<string> Helpers = ["money", "plural"];

    private static readonly Dictionary<string, TemplateValue<MessageModel>> ByPath = Messages.ToDictionary(v => v.Path);

    /// <summary>The message value at <paramref name="path"/> (<c>recipient.name</c>), or null.</summary>
    public static TemplateValue<MessageModel>? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>Whether <paramref name="model"/> has the object <paramref name="value"/> belongs to.</summary>
    public static bool Present(TemplateValue value, MessageModel model) => value.Object switch
    {
        Certificate => model.Certificate is not null,
        Answer => model.Answer is not null,
        _ => true,
    };

    /// <summary>Sets <paramref name="value"/> in <paramref name="globals"/> as <c>object.member</c>, making the object on first use.</summary>
    public static void Put(ScriptObject globals, TemplateValue value, object? output)
    {
        if (value.Member is null)
        {
            globals[value.Object] = output;
            return;
        }
        if (globals[value.Object] is not ScriptObject owner) globals[value.Object] = owner = new ScriptObject(8);
        owner[value.Member] = output;
    }

    /// <summary>The value as a template outputs it: HTML outputs encode every string, so a name like "&lt;script&gt;" stays text.</summary>
    public static object? Output<TModel>(TemplateValue<TModel> value, TModel model, bool html)
    {
        var raw = value.Read(model);
        return html && !value.Raw && raw is string text ? System.Net.WebUtility.HtmlEncode(text) : raw;
    }

    /// <summary>Script objects holding <paramref name="values"/> of <paramref name="model"/>, as <paramref name="html"/> output needs them.</summary>
    public static ScriptObject Globals<TModel>(IEnumerable<TemplateValue<TModel>> values, TModel model, bool html)
    {
        var globals = new ScriptObject(8);
        foreach (var value in values) Put(globals, value, Output(value, model, html));
        return globals;
    }
}
