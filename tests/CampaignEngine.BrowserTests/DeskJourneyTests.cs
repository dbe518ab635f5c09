using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// The responses desk's loop as its people live it: Gulzat asks from the link of an Issyk-Kul appeal on her phone, an
/// Issyk-Kul oblast officer takes the question from the desk, answers in Kyrgyz, and Gulzat reads the answer behind
/// the same link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskJourneyTests(BrowserHost fixture)
{
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(60);
    private const string Question = "Саламатсызбы! Долбоорго кантип акча которсо болот?";
    private const string Answer = "Саламатсызбы, Гүлзат! Банк аркылуу которсоңуз болот, реквизиттерди баракчадан табасыз.";

    [SkippableFact]
    public async Task A_question_asked_from_the_link_is_taken_by_the_oblast_answered_in_Kyrgyz_and_read_behind_the_link()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var recipient = TestDirectory.Gulzat;
        long campaignId;
        using (var api = new CampaignApi(fixture.Host))
        {
            campaignId = await api.CreateAndLaunchAsync("issyk-kul", "Desk journey " + Guid.NewGuid().ToString("N")[..6]);
            await api.WaitUntilDispatchedAsync(campaignId, DispatchTimeout);
        }
        var link = await OutboxLinks.ForRecipientAsync(fixture.Host, campaignId, recipient.Address!, DispatchTimeout);

        // Gulzat's phone: she asks from the landing page and lands on her questions.
        await using var phone = await fixture.NewPhoneContextAsync();
        var landing = await phone.NewPageAsync();
        await landing.GotoAsync(link);
        await landing.FillAsync("#ask-text", Question);
        await landing.ClickAndWaitForNextPageAsync("#ask-form button[type=submit]");
        await Expect(landing.Locator("html")).ToHaveAttributeAsync("lang", "ky");
        var thread = landing.Locator("[id^='thread-']").First;
        await Expect(thread).ToContainTextAsync(Question);
        var threadId = (await thread.GetAttributeAsync("id"))!["thread-".Length..];
        var questionsUrl = landing.Url;

        // The oblast officer finds it on the desk, takes it and answers in Kyrgyz.
        var (laptop, desk) = await OblastSession.SignInAsync(fixture, "desk-answerer", "KG-Y");
        await using (laptop)
        {
            await desk.GotoAsync("/desk");
            await desk.ClickAndWaitForNextPageAsync($"a[href='/desk/{threadId}']");
            await Expect(desk.Locator("#conversation")).ToContainTextAsync(Question);
            var myself = await desk.EvalOnSelectorAsync<string>("#assign-user",
                "select => [...select.options].find(o => o.textContent.trim().endsWith(')')).value");
            await desk.SelectOptionAsync("#assign-user", myself);
            await desk.ClickAndWaitForNextPageAsync("#assign-submit");
            await Expect(desk.Locator("#thread-assignee")).Not.ToBeEmptyAsync();
            await desk.FillAsync("#answer-text", Answer);
            await desk.ClickAndWaitForNextPageAsync("#answer-submit");
            await Expect(desk.Locator("#conversation")).ToContainTextAsync(Answer);
            await Screenshots.TakeAsync(desk, "desk-thread");
        }

        // Back on the phone, behind the same link: the answer, in the order it came.
        await landing.GotoAsync(questionsUrl);
        await Expect(landing.Locator($"#thread-{threadId}")).ToContainTextAsync(Answer);
        await Screenshots.TakeAsync(landing, "questions-phone");
    }
}
