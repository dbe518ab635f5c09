using System.Globalization;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// <c>POST /me/{token}/preferences</c> with a JSON body (apps, chatbots); the form of the same address stays in
/// <see cref="MyPageController"/>. A plain endpoint like the pledge's JSON (<c>PledgeJsonEndpoint</c>): the same
/// problem details naming the field for a bad body, an unknown field or a bad value, and 200 with the preferences as
/// they now stand.
/// </summary>
internal static class PreferencesJsonEndpoint
{
    public static void MapMyPagePreferencesJson(this IEndpointRouteBuilder app) =>
        app.MapPublicJsonPost<PreferencesInput>("/me/{token}/preferences", HandleAsync);

    private static async Task HandleAsync(string token, HttpContext http, PersonalLinks links, SelfPreferences preferences, PreferenceSaver saver,
        MyPageLimit limit, UiText texts, IOptions<JsonOptions> json, TimeProvider clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (limit.Refusal(token) is { } wait)
        {
            await PublicJsonEndpoint.TooManyAsync(http, wait, "Too many requests for this link; try again later.");
            return;
        }
        if ((links.PersonOf(token) is { } id ? preferences.Read(id) : null) is not { } person)
        {
            await PublicJsonEndpoint.RefuseAsync(http, Problems.NotFound("This link is not valid."));
            return;
        }
        // A bad body is answered under the JSON path of the bad value (JsonBodies), as MVC reports a body that does not bind.
        if (await JsonBodies.ReadAsync<PreferencesInput>(http, json.Value.JsonSerializerOptions) is not { } input) return;
        var (change, errors) = PreferenceChange.FromJson(input, person, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (change is null)
        {
            await PublicJsonEndpoint.RefuseAsync(http, Problems.Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => texts.Get("en", g.First().Key))));
            return;
        }
        saver.Save(person, change);
        await http.Response.WriteAsJsonAsync(View(preferences.Read(person.CompatriotId)!), json.Value.JsonSerializerOptions, http.RequestAborted);
    }

    /// <summary>The preferences as the body names them (never the token, never the addresses).</summary>
    private static object View(OwnPreferences p) => new
    {
        channels = p.Channels.ToDictionary(c => c.Channel, c => c.On),
        channelOrder = p.ChannelOrder,
        language = p.Language,
        maxPerMonth = p.MaxPerMonth,
        pausedUntil = p.PausedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        sectors = p.Sectors,
        proposed = p.Proposed.Select(c => new { field = c.Field == ProposedChange.HomeRegion ? "homeRegion" : "country", value = c.Value }),
    };
}
