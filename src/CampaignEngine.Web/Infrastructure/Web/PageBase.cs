using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>Base of every view: <c>T("key")</c> gives the interface text in the page's language.</summary>
public abstract class PageBase<TModel> : RazorPage<TModel>
{
    private UiText? _texts;

    public string Lang => UiLanguage.Of(Context);

    public string T(string key) => (_texts ??= Context.RequestServices.GetRequiredService<UiText>()).Get(Lang, key);

    public CurrentUser? Me => User.Identity?.IsAuthenticated == true ? CurrentUser.From(User) : null;
}
