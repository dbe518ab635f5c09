using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Infrastructure.Localization;

/// <summary>
/// The interface language of a request: <c>?lang=</c> (remembered in a cookie), else the cookie, else
/// the browser's Accept-Language, else Russian (the language most officers work in).
/// </summary>
internal static class UiLanguage
{
    public const string Cookie = "ce_lang";
    private const string ItemKey = "ui-language";

    public static string Of(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is string language) return language;
        language = Resolve(http);
        http.Items[ItemKey] = language;
        return language;
    }

    /// <summary>Pins the language of this request, e.g. to the recipient's language on public pages.</summary>
    public static void Set(HttpContext http, string language) => http.Items[ItemKey] = language;

    /// <summary>
    /// Pins the language of a page about one person: the one the reader switched to in the address when it is known,
    /// else the person's own. Returns it.
    /// </summary>
    public static string ForPerson(HttpContext http, string? switchedTo, string persons)
    {
        var language = Languages.IsKnown(switchedTo) ? switchedTo! : persons;
        Set(http, language);
        return language;
    }

    /// <summary>The query parameter that switches the language of any answer, page or API.</summary>
    public const string QueryKey = "lang";

    public static bool IsQueryKey(string key) => string.Equals(key, QueryKey, StringComparison.OrdinalIgnoreCase);

    private static string Resolve(HttpContext http)
    {
        var query = http.Request.Query[QueryKey].ToString();
        if (Languages.IsKnown(query))
        {
            http.Response.Cookies.Append(Cookie, query, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return query;
        }
        if (http.Request.Cookies.TryGetValue(Cookie, out var cookie) && Languages.IsKnown(cookie)) return cookie!;
        var accepted = http.Request.Headers.AcceptLanguage.ToString();
        foreach (var part in accepted.Split(','))
        {
            var code = part.Split(';')[0].Trim();
            if (code.Length >= 2 && Languages.IsKnown(code[..2].ToLowerInvariant())) return code[..2].ToLowerInvariant();
        }
        return "ru";
    }
}
