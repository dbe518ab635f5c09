namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// The compatriot's own page (<c>/me/{token}</c>, issue 17). Its data are the person's, kept by the directory
/// (<c>Features/Compatriots/Self</c>); this feature is the page, the saving of preferences, and Sending's port for
/// <c>links.me</c>. Further sections plug in through <see cref="IMyPageSections"/>.
/// </summary>
internal static class MyPageSetup
{
    public static IServiceCollection AddMyPage(this IServiceCollection services) => services
        .AddSingleton<PreferenceSaver>()
        .AddSingleton<MyPageLimit>()
        .AddSingleton<MyPageGate>()
        .AddSingleton<Sending.IPersonalLinks, MyPageLinks>();

    public static void MapMyPage(this IEndpointRouteBuilder app) => app.MapMyPagePreferencesJson();
}
