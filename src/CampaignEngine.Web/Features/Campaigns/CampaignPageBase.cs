using CampaignEngine.Web.Features.Shared;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// Base of the campaign pages (<c>Views/_ViewImports.cshtml</c>): every view's helpers, and how campaigns and their
/// messages are named, which only the campaigns feature knows.
/// </summary>
internal abstract class CampaignPageBase<TModel> : PageBase<TModel>
{
    /// <summary>A campaign's name as the reader reads it: the host's own campaigns are named in the page's language.</summary>
    public string CampaignName(CampaignRow campaign) => CampaignNames.For(Texts, Lang, campaign);

    /// <summary>A message's error in the page's language where the host wrote it; a provider's own words as they came.</summary>
    public string MessageError(string? error) => MessageErrors.Say(Texts, Lang, error);
}
