using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// Base of every view: <c>T("key")</c> gives the interface text in the page's language. It knows the signed-in user,
/// so it lives with the features (Infrastructure knows none of them), and no other feature, so every feature's views
/// may build on it (a feature's own view helpers go in its own base, like <c>Campaigns/CampaignPageBase.cs</c>).
/// </summary>
internal abstract class PageBase<TModel> : RazorPage<TModel>
{
    private UiText? _texts;

    public string Lang => UiLanguage.Of(Context);

    public string T(string key) => Texts.Get(Lang, key);

    /// <summary>A stored code in the page's language, from its vocabulary (<see cref="Vocabularies"/>).</summary>
    public string Say(CodeVocabulary vocabulary, string? code) => Texts.Say(Lang, vocabulary, code);

    /// <summary>A module's display name in the page's language; the id only for a module that is not loaded.</summary>
    public string ModuleName(string? id) =>
        Context.RequestServices.GetRequiredService<ModuleHost.ModuleRegistry>().Find(id)?.Name.In(Lang) ?? id ?? "";

    /// <summary>
    /// A module's default host countries in the page's language; a module that names none addresses its natives
    /// wherever they live, and says so rather than showing an empty list.
    /// </summary>
    public string ModuleCountries(Core.Modules.ModuleManifest module) => module.Countries.Count == 0
        ? T("modules.everyCountry")
        : string.Join(", ", module.Countries.Select(c => Core.Reference.Countries.Find(c)?.Name.In(Lang) ?? c));

    public UiText Texts => _texts ??= Context.RequestServices.GetRequiredService<UiText>();

    /// <summary>A stored UTC time as staff read it: Bishkek time, with the UTC instant in the markup for machines.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Time(DateTimeOffset at) => new Microsoft.AspNetCore.Html.HtmlString(
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}\">{StaffTime.Format(at)}</time>");

    public CurrentUser? Me => User.Identity?.IsAuthenticated == true ? CurrentUser.From(User) : null;

    /// <summary>
    /// Whether the signed-in user passes a policy (<see cref="Roles"/>): pages show a link or button only to those the
    /// page behind it lets in. Role policies decide without waiting, so the synchronous wait costs nothing.
    /// </summary>
    public bool May(string policy) =>
        Me is not null && Context.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(User, policy).GetAwaiter().GetResult().Succeeded;
}
