using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// The name a person reads for a campaign. An officer's appeal keeps the name its author gave it. The host names its own
/// campaigns in English as keys (certificate delivery: "Certificates 2026-05-12", "… 2026-05-12 KG-Y-2026-00012",
/// "… 2026-05-12 batch KG-Y-…", "Certificates job 7"; reminders: "Pledge reminders 2026-05"), so a reader gets the
/// purpose in their own language followed by what tells that campaign apart (its day, serial or bulk job).
/// </summary>
internal static partial class CampaignNames
{
    public static string For(UiText texts, string language, CampaignRow campaign) => For(texts, language, campaign.Purpose, campaign.Name);

    public static string For(UiText texts, string language, string purpose, string name)
    {
        if (purpose == "appeal" || !texts.Has(Vocabularies.CampaignPurposes.KeyOf(purpose))) return name;
        var rest = HostPrefix().Replace(name, "");
        rest = Job().Replace(rest, m => texts.Get(language, "camp.purpose.job") + " #" + m.Groups[1].Value);
        rest = Batch().Replace(rest, _ => texts.Get(language, "camp.purpose.batch") + " ");
        var title = texts.Say(language, Vocabularies.CampaignPurposes, purpose);
        return rest.Length == 0 ? title : title + " · " + rest;
    }

    [GeneratedRegex("^(Certificates|Pledge reminders) ")]
    private static partial Regex HostPrefix();

    [GeneratedRegex(@"^job (\d+)$")]
    private static partial Regex Job();

    [GeneratedRegex(@"(?<=^\d{4}-\d{2}-\d{2} )batch ")]
    private static partial Regex Batch();
}
