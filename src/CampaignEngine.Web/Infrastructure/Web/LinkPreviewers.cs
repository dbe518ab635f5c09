using Microsoft.AspNetCore.Http;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// The fetchers that open a link on their own when a message carrying it arrives, to draw its preview: Telegram's and
/// WhatsApp's, Facebook's and Messenger's (also Apple's Messages, which calls itself by their names), and the like.
/// Their visit is nobody's: counted, every delivered message on Telegram would read as opened and a campaign's funnel
/// would say nothing; served the person's page, a platform's servers would hold the person's pledges, questions and
/// preferences. They get a page with the link's title and nothing of the person (Features/Shared/LinkPreview). Only
/// names the fetchers give themselves are listed, never a word like "bot" that a phone's model name can hold (Cubot).
/// A HEAD request is nobody's visit either: no person's browser asks one to read a page (<see cref="HeadWhereGet"/>).
/// </summary>
internal static class LinkPreviewers
{
    private static readonly string[] Names =
    [
        "TelegramBot", "WhatsApp/", "facebookexternalhit", "Facebot", "Twitterbot", "Slackbot", "Discordbot", "LinkedInBot",
        "SkypeUriPreview", "vkShare", "redditbot", "Pinterestbot", "Googlebot", "bingbot", "YandexBot", "Applebot",
    ];

    public static bool Fetched(HttpRequest request) =>
        HttpMethods.IsHead(request.Method) || request.Headers.UserAgent.ToString() is { Length: > 0 } agent && Names.Any(name => agent.Contains(name, StringComparison.OrdinalIgnoreCase));
}
