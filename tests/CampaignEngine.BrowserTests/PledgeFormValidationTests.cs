using System.Net;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>A recipient who sends the pledge form without a sensible amount gets told why, in their language, and nothing is stored.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PledgeFormValidationTests(BrowserHost fixture)
{
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Pledge_form_with_an_empty_or_negative_amount_answers_400_with_a_Kyrgyz_error_and_stores_nothing()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var recipient = TestDirectory.Gulzat;
        using var api = new CampaignApi(fixture.Host);
        var campaignId = await api.CreateAndLaunchAsync("issyk-kul", "Pledge form validation");
        await api.WaitUntilDispatchedAsync(campaignId, DispatchTimeout);
        var link = await OutboxLinks.ForRecipientAsync(fixture.Host, campaignId, recipient.Address!, DispatchTimeout);

        await using var phone = await fixture.NewPhoneContextAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link);
        var expectedError = ProductTexts.Get("ky", "pub.error.amount");

        // Empty amount: the form has no `required`, so the browser sends it and the server must refuse it.
        await page.CheckAsync("input[name=Kind][value=money]");
        await page.FillAsync("#Amount", "");
        var empty = await page.ClickAndWaitForNextPageAsync("button[type=submit]");
        await ExpectRefusedAsync(page, empty, expectedError);

        // Negative amount: `min="0"` stops a modern browser, but old phone browsers and scripts ignore it,
        // so the check is switched off here to reach the server's own validation.
        await page.EvalOnSelectorAsync("form[action*='/pledge']", "form => form.noValidate = true");
        await page.FillAsync("#Amount", "-500");
        var negative = await page.ClickAndWaitForNextPageAsync("button[type=submit]");
        await ExpectRefusedAsync(page, negative, expectedError);

        Assert.Empty(HostDatabase.PledgesOf(fixture.Host, campaignId));
    }

    private static async Task ExpectRefusedAsync(IPage page, IResponse response, string expectedError)
    {
        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        Assert.DoesNotContain("/thanks", page.Url);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ky");
        await Expect(page.Locator(".error[role=alert]")).ToHaveTextAsync(expectedError);
        // The form is still there, so the recipient can correct the amount and try again.
        await Expect(page.Locator("#Amount")).ToBeVisibleAsync();
    }
}
