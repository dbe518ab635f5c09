using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>What a report value reads as in the page's language: "female" → "Женщины", "KG-N" → "Нарынская область".</summary>
internal sealed class ReportLabels(UiText texts, string language, IReadOnlyDictionary<string, string>? names = null)
{
    public string Of(string dimension, object? value)
    {
        var v = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(v)) return texts.Get(language, "report.none");
        if (v == "unknown") return texts.Get(language, "gender.unknown");
        return dimension switch
        {
            "gender" => texts.Get(language, "gender." + v),
            "kind" => texts.Get(language, "kind." + v),
            "sector" => texts.Get(language, "sector." + v),
            "contributionType" => texts.Get(language, "contribution." + v),
            "status" => texts.Get(language, "pledges.status." + v),
            "willing" => texts.Get(language, "willing." + v),
            "language" => texts.Get(language, "lang." + v),
            "homeRegion" => Regions.Find(v)?.Name.In(language) ?? v,
            "country" => Countries.Find(v)?.Name.In(language) ?? v,
            "project" or "campaignId" or "organization" => names is not null && names.TryGetValue($"{dimension}:{v}", out var name) ? name : "#" + v,
            _ => v,
        };
    }
}
