namespace CampaignEngine.Web.Features.Shared;

/// <summary>The page a link's preview is drawn from: its title as written (<see cref="Title"/>) or an interface text's key (<see cref="TitleText"/>).</summary>
internal sealed record LinkPreviewPage(string? Title, string? TitleText = null)
{
    public const string View = "LinkPreview";
}
