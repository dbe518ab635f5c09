using System.Globalization;
using Scriban.Runtime;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// One value a message template may read, as <c>{{ object.member }}</c>. <see cref="Read"/> gives it unencoded;
/// HTML outputs encode strings. <see cref="PerCampaign"/> values are the same for every recipient of a campaign in
/// one language, so their script objects are shared.
/// </summary>
public sealed record TemplateValue(string Object, string Member, Func<MessageModel, object?> Read, bool PerCampaign = false)
{
    public string Path { get; } = $"{Object}.{Member}";
}

/// <summary>
/// Everything a message template sees besides the <c>plural</c> function, in one table: the script objects of a
/// Scriban render and the substitution plans of plain templates are both built from it, so they cannot disagree.
/// README documents the same list for template authors.
/// </summary>
public static class TemplateValues
{
    public const string Certificate = "certificate";

    public static readonly IReadOnlyList<TemplateValue> All =
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
        new("module", "id", m => m.Module.Id, PerCampaign: true),
        new("module", "name", m => m.Module.Name, PerCampaign: true),
        new("module", "issuer", m => m.Module.Issuer, PerCampaign: true),
        new("module", "region_name", m => m.Module.RegionName, PerCampaign: true),
        new("links", "pledge", m => m.Links.Pledge),
        new("links", "unsubscribe", m => m.Links.Unsubscribe),
        // Only a certificate delivery has these: a model without a certificate has no certificate object at all.
        new(Certificate, "serial", m => m.Certificate?.Serial),
        new(Certificate, "kind", m => m.Certificate?.Kind),
        new(Certificate, "kind_title", m => m.Certificate?.KindTitle.In(m.Recipient.Language)),
        new(Certificate, "issuer", m => m.Certificate?.Issuer.In(m.Recipient.Language)),
        new(Certificate, "link", m => m.Certificate?.Link),
        new(Certificate, "verify_url", m => m.Certificate?.VerifyUrl),
        new(Certificate, "expires_on", m => m.Certificate?.ExpiresOn.ToString(
            m.Recipient.Language == "en" ? "d MMMM yyyy" : "dd.MM.yyyy", CultureInfo.InvariantCulture)),
    ];

    private static readonly Dictionary<string, TemplateValue> ByPath = All.ToDictionary(v => v.Path);

    public static TemplateValue? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>Whether <paramref name="model"/> has the object <paramref name="value"/> belongs to.</summary>
    public static bool Present(TemplateValue value, MessageModel model) => value.Object != Certificate || model.Certificate is not null;

    /// <summary>Sets <paramref name="value"/> in <paramref name="globals"/> as <c>object.member</c>, making the object on first use.</summary>
    public static void Put(ScriptObject globals, TemplateValue value, object? output)
    {
        if (globals[value.Object] is not ScriptObject owner) globals[value.Object] = owner = new ScriptObject(8);
        owner[value.Member] = output;
    }

    /// <summary>The value as a template outputs it: HTML outputs encode every string, so a name like "&lt;script&gt;" stays text.</summary>
    public static object? Output(TemplateValue value, MessageModel model, bool html)
    {
        var raw = value.Read(model);
        return html && raw is string text ? System.Net.WebUtility.HtmlEncode(text) : raw;
    }
}
