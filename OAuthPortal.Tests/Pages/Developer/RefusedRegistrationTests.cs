using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>
/// Every registration in <see cref="RefusedClientMetadata"/> is refused by the developer area with its message next to
/// the field; the registration endpoint's tests run the same table (RegistrationEndpointTests).
/// </summary>
public sealed class RefusedRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [MemberData(nameof(RefusedClientMetadata.Names), MemberType = typeof(RefusedClientMetadata))]
    public async Task Register_RefusedMetadata_ShowsTheSameMessageNextToTheFieldAndSavesNothing(string name)
    {
        var refused = RefusedClientMetadata.Named(name);
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Clients/Create");
        var clientName = refused.Form.ContainsKey("Input.Name") ? refused.Form["Input.Name"][0] : Unique.Name("refused");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = clientName,
            ["Input.RedirectUris"] = "https://app.example.test/cb",
            ["Type"] = "Confidential",
        };
        foreach (var (field, value) in refused.Form.Where(f => f.Key != "Input.GrantTypes"))
        {
            values[field] = value[0];
        }

        var grantTypes = refused.Form.TryGetValue("Input.GrantTypes", out var ticked) ? ticked : ["authorization_code", "refresh_token"];
        var response = await DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), grantTypes, values: values);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var errors = (await Html.ParseAsync(response)).QuerySelectorAll($"[data-test={refused.ErrorTest}]").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains(refused.Message));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Name == clientName)));
    }
}
