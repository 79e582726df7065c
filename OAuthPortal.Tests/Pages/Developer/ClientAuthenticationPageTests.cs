using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>
/// Register and Edit: the token endpoint authentication method, the keys of a private_key_jwt client (pasted or a
/// jwks_uri), and what a switch of method does to the secret, checked in the database and at the revocation endpoint.
/// </summary>
public sealed class ClientAuthenticationPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Redirect = "https://client.example.test/callback";

    private async Task<(HttpClient Developer, string OwnerId)> DeveloperAsync()
    {
        var user = await TestUsers.CreateAsync(factory);
        return (await SignIn.ClientForAsync(factory, user.Email!), user.Id);
    }

    private static Dictionary<string, string> KeyFields(string? jwks = null, string? jwksUri = null) => new()
    {
        ["Input.TokenEndpointAuthMethod"] = "private_key_jwt", ["Input.Jwks"] = jwks ?? "", ["Input.JwksUri"] = jwksUri ?? "",
    };

    private Task<Client> StoredAsync(string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().SingleAsync(c => c.Id == clientId));

    private Task<bool> OwnsAnyClientAsync(string ownerId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == ownerId));

    private static async Task<IHtmlDocument> FollowAsync(HttpClient browser, HttpResponseMessage response)
    {
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        return (await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString)).Document;
    }

    /// <summary>Revocation needs client authentication only (RFC 7009 §2.1): a 200 says the credentials were accepted.</summary>
    private Task<TokenEndpoint.Reply> RevokeAsync(Dictionary<string, string> form, System.Net.Http.Headers.AuthenticationHeaderValue? basic = null)
    {
        form["token"] = "not-a-token";
        return TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", form, basic);
    }

    private async Task<HttpResponseMessage> EditAsync(HttpClient developer, string clientId, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{clientId}/Edit");
        return await Html.SubmitAsync(developer, page.Form("form#client-form"), values);
    }

    [Fact]
    public async Task Register_PrivateKeyJwtWithAJwkSet_ShowsNoSecretStoresNoneAndListsTheKeys()
    {
        var (developer, _) = await DeveloperAsync();
        var key = KeyClients.Ec("signing-1");

        var response = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("keys"), Redirect, extra: KeyFields(KeyClients.JwkSet(key)));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.DoesNotContain("/Secret", response.Headers.Location!.OriginalString);
        var details = await FollowAsync(developer, response);
        var clientId = details.QuerySelector("[data-test=client-id]")!.TextContent.Trim();
        var stored = await StoredAsync(clientId);
        Assert.Null(stored.SecretHash);
        Assert.Equal("private_key_jwt", stored.TokenEndpointAuthMethod);
        Assert.Equal("private_key_jwt", details.QuerySelector("[data-test=auth-method]")!.TextContent);
        var listed = Assert.Single(details.QuerySelectorAll("[data-test=registered-key]"));
        Assert.Equal("signing-1", listed.GetAttribute("data-kid"));
        Assert.Contains("EC P-256", listed.TextContent);
        Assert.Null(details.QuerySelector("[data-test=rotate]"));
        var revoke = details.QuerySelector("[data-test=quickstart-revoke]")!.TextContent;
        Assert.Contains("client_assertion=YOUR_SIGNED_CLIENT_ASSERTION", revoke);
        Assert.DoesNotContain("YOUR_CLIENT_SECRET", revoke);
    }

    [Fact]
    public async Task Register_PrivateKeyJwtWithAJwksUri_ShowsTheUriOnTheDetails()
    {
        var (developer, _) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("uri"), Redirect, extra: KeyFields(jwksUri: "https://keys.example.com/jwks.json"));

        var details = await FollowAsync(developer, response);
        Assert.Equal("https://keys.example.com/jwks.json", details.QuerySelector("[data-test=jwks-uri]")!.TextContent);
    }

    [Fact]
    public async Task Register_PastedPrivateJwk_IsRefusedAtTheFieldAndKeepsWhatWasTyped()
    {
        var (developer, ownerId) = await DeveloperAsync();
        var jwk = KeyClients.Ec("leaky").PublicJwk;
        jwk["d"] = "c2VjcmV0LXByaXZhdGUtc2NhbGFyLXRoYXQtbXVzdC1ub3Qtc3RheQ";
        var typed = JsonSerializer.Serialize(new { keys = new[] { jwk } });

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Leaky", Redirect, extra: KeyFields(typed));

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        var error = Assert.Single(page.QuerySelectorAll("[data-test=jwks-error]"));
        Assert.Contains("private or symmetric key material ('d')", error.TextContent);
        Assert.Equal(typed, page.QuerySelector<IHtmlTextAreaElement>("[data-test=jwks-input]")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("[data-test=auth-method-private-key-jwt]")!.IsChecked);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task Register_MalformedJwkSet_IsRefusedWithAClearMessage()
    {
        var (developer, ownerId) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Broken", Redirect, extra: KeyFields("{\"keys\": [ {\"kty\": \"EC\", "));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("The JWK Set is not valid JSON.", Assert.Single((await Html.ParseAsync(response)).QuerySelectorAll("[data-test=jwks-error]")).TextContent);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task Register_HttpJwksUriWhileHttpsIsRequired_IsRefusedAtTheUriField()
    {
        var (developer, ownerId) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Plain", Redirect, extra: KeyFields(jwksUri: "http://keys.example.com/jwks.json"));

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains("must be an absolute https URL", Assert.Single(page.QuerySelectorAll("[data-test=jwks-uri-error]")).TextContent);
        Assert.Equal("http://keys.example.com/jwks.json", page.QuerySelector<IHtmlInputElement>("[data-test=jwks-uri-input]")!.Value);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task Register_PrivateKeyJwtWithoutKeys_IsRefused()
    {
        var (developer, ownerId) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Keyless", Redirect, extra: KeyFields());

        Assert.Contains("needs the client's public keys", Assert.Single((await Html.ParseAsync(response)).QuerySelectorAll("[data-test=jwks-error]")).TextContent);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task Register_PublicClientChoosingPrivateKeyJwt_IsRefused()
    {
        var (developer, ownerId) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Spa", "https://spa.example.test/cb", type: "Public",
            extra: KeyFields(KeyClients.JwkSet(KeyClients.Ec())));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("A public client has no credentials", (await Html.ParseAsync(response)).QuerySelector("[data-test=auth-method-error]")!.TextContent);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task Register_ClientSecretPost_StoresTheMethodAndShowsTheSecretOnce()
    {
        var (developer, _) = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("post"), Redirect,
            extra: new Dictionary<string, string> { ["Input.TokenEndpointAuthMethod"] = "client_secret_post" });

        Assert.EndsWith("/Secret", response.Headers.Location!.OriginalString);
        var secretPage = await FollowAsync(developer, response);
        var clientId = secretPage.QuerySelector("[data-test=client-id]")!.TextContent.Trim();
        var secret = secretPage.QuerySelector("[data-test=client-secret]")!.TextContent.Trim();
        Assert.Equal("client_secret_post", (await StoredAsync(clientId)).TokenEndpointAuthMethod);
        Html.AssertStatus(HttpStatusCode.OK, (await RevokeAsync(new() { ["client_id"] = clientId, ["client_secret"] = secret })).Response);
    }

    [Fact]
    public async Task Edit_SwitchToPrivateKeyJwtNotConfirmed_IsRefusedAndKeepsTheSecret()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);
        var before = (await StoredAsync(client.ClientId)).SecretHash;
        var jwks = KeyClients.JwkSet(KeyClients.Ec());

        var response = await EditAsync(developer, client.ClientId, KeyFields(jwks));

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains("tick the box to confirm", page.QuerySelector("[data-test=confirm-secret-deletion-error]")!.TextContent);
        Assert.Equal(jwks, page.QuerySelector<IHtmlTextAreaElement>("[data-test=jwks-input]")!.Value);
        var stored = await StoredAsync(client.ClientId);
        Assert.Equal(before, stored.SecretHash);
        Assert.Equal("client_secret_basic", stored.TokenEndpointAuthMethod);
    }

    [Fact]
    public async Task EditPage_ClientWithASecret_WarnsThatPrivateKeyJwtDeletesIt()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);

        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Edit");

        Assert.Contains("deletes this client's secret", page.QuerySelector("[data-test=secret-deletion-warning]")!.TextContent);
        Assert.False(page.QuerySelector<IHtmlInputElement>("[data-test=confirm-secret-deletion]")!.IsChecked);
    }

    [Fact]
    public async Task Edit_SwitchToPrivateKeyJwtConfirmed_DeletesTheSecretAndOnlyAnAssertionAuthenticates()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);
        var key = KeyClients.Rsa();
        var values = KeyFields(KeyClients.JwkSet(key));
        values["Input.ConfirmSecretDeletion"] = "true";

        var details = await FollowAsync(developer, await EditAsync(developer, client.ClientId, values));

        Assert.Contains("its secret was deleted", details.QuerySelector("[data-test=status-message]")!.TextContent);
        var stored = await StoredAsync(client.ClientId);
        Assert.Null(stored.SecretHash);
        Assert.Equal("private_key_jwt", stored.TokenEndpointAuthMethod);
        var withOldSecret = await RevokeAsync(new(), TokenEndpoint.Basic(client.ClientId, client.Secret!));
        Html.AssertStatus(HttpStatusCode.Unauthorized, withOldSecret.Response);
        Assert.Equal("invalid_client", withOldSecret["error"]);
        var withAssertion = await RevokeAsync(KeyClients.Form(KeyClients.Assertion(factory, key, client.ClientId)));
        Html.AssertStatus(HttpStatusCode.OK, withAssertion.Response);
        var audit = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(a => a.Target.StartsWith($"client:{client.ClientId} ")).Select(a => new { a.Action, a.Details }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.ClientSecretDeleted);
        Assert.Contains(audit, a => a.Action == AuditAction.ClientEdited && a.Details.Contains("token_endpoint_auth_method: client_secret_basic -> private_key_jwt"));
    }

    [Fact]
    public async Task Edit_SwitchFromPrivateKeyJwtToClientSecretBasic_ShowsANewSecretOnceThatAuthenticates()
    {
        var (developer, _) = await DeveloperAsync();
        var created = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("back"), Redirect, extra: KeyFields(KeyClients.JwkSet(KeyClients.Ec())));
        var clientId = (await FollowAsync(developer, created)).QuerySelector("[data-test=client-id]")!.TextContent.Trim();
        var (_, editPage) = await Html.GetPageAsync(developer, $"/Developer/Clients/{clientId}/Edit");
        Assert.NotNull(editPage.QuerySelector("[data-test=secret-creation-note]"));

        var saved = await Html.SubmitAsync(developer, editPage.Form("form#client-form"),
            new Dictionary<string, string> { ["Input.TokenEndpointAuthMethod"] = "client_secret_basic" });

        Assert.EndsWith("/Secret", saved.Headers.Location!.OriginalString);
        var secretPage = await FollowAsync(developer, saved);
        var secret = secretPage.QuerySelector("[data-test=client-secret]")!.TextContent.Trim();
        var stored = await StoredAsync(clientId);
        Assert.Equal(("client_secret_basic", (string?)null), (stored.TokenEndpointAuthMethod, stored.Jwks));
        Html.AssertStatus(HttpStatusCode.OK, (await RevokeAsync(new(), TokenEndpoint.Basic(clientId, secret))).Response);
        var (_, reloaded) = await Html.GetPageAsync(developer, saved.Headers.Location!.OriginalString);
        Assert.NotNull(reloaded.QuerySelector("[data-test=secret-gone]"));
        Assert.True(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents
            .AnyAsync(a => a.Action == AuditAction.ClientSecretCreated && a.Target.StartsWith($"client:{clientId} "))));
    }

    [Fact]
    public async Task Rotate_PrivateKeyJwtClient_IsNotOfferedAnd404()
    {
        var (developer, _) = await DeveloperAsync();
        var created = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("norotate"), Redirect, extra: KeyFields(KeyClients.JwkSet(KeyClients.Ec())));
        var clientId = (await FollowAsync(developer, created)).QuerySelector("[data-test=client-id]")!.TextContent.Trim();

        var page = await developer.GetAsync($"/Developer/Clients/{clientId}/Rotate");
        var secretPage = await developer.GetAsync($"/Developer/Clients/{clientId}/Secret");

        Html.AssertStatus(HttpStatusCode.NotFound, page);
        Html.AssertStatus(HttpStatusCode.NotFound, secretPage);
    }

    [Fact]
    public async Task Rotate_PostForAPrivateKeyJwtClient_Is404AndCreatesNoSecret()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);
        var (_, rotatePage) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Rotate");
        var values = KeyFields(KeyClients.JwkSet(KeyClients.Ec()));
        values["Input.ConfirmSecretDeletion"] = "true";
        await EditAsync(developer, client.ClientId, values);

        var button = rotatePage.QuerySelector<IHtmlButtonElement>("button[data-test=confirm-rotate]")!;
        var response = await Html.SubmitAsync(developer, (IHtmlFormElement)button.Form!, submitter: button);

        Html.AssertStatus(HttpStatusCode.NotFound, response);
        Assert.Null((await StoredAsync(client.ClientId)).SecretHash);
    }

    [Fact]
    public async Task Edit_ParDpopAndFapiSwitches_AreSavedAndShown()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);

        var details = await FollowAsync(developer, await EditAsync(developer, client.ClientId, new Dictionary<string, string>
        {
            ["Input.RequirePushedAuthorizationRequests"] = "true", ["Input.DpopBoundAccessTokens"] = "true", ["Input.Fapi2"] = "true",
        }));

        var stored = await StoredAsync(client.ClientId);
        Assert.Equal((true, true, ClientProfile.Fapi2), (stored.RequirePushedAuthorizationRequests, stored.DpopBoundAccessTokens, stored.Profile));
        Assert.Equal("required", details.QuerySelector("[data-test=require-par]")!.TextContent);
        Assert.Equal("required", details.QuerySelector("[data-test=dpop-bound]")!.TextContent);
        Assert.Equal("FAPI 2.0 Security Profile", details.QuerySelector("[data-test=profile]")!.TextContent);
    }

    [Fact]
    public async Task Edit_UntickingTheSwitches_TurnsThemOff()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);
        await EditAsync(developer, client.ClientId, new Dictionary<string, string> { ["Input.RequirePushedAuthorizationRequests"] = "true", ["Input.Fapi2"] = "true" });
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Edit");
        var fields = Html.Fields(page.Form("form#client-form")).Where(f => f.Key is not ("Input.RequirePushedAuthorizationRequests" or "Input.Fapi2")).ToList();

        await developer.PostAsync($"/Developer/Clients/{client.ClientId}/Edit", new FormUrlEncodedContent(fields));

        var stored = await StoredAsync(client.ClientId);
        Assert.Equal((false, ClientProfile.None), (stored.RequirePushedAuthorizationRequests, stored.Profile));
    }

    [Fact]
    public async Task Edit_WithoutAntiforgeryToken_Is400AndKeepsTheSecret()
    {
        var (developer, _) = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(developer);
        var values = KeyFields(KeyClients.JwkSet(KeyClients.Ec()));
        values["Input.ConfirmSecretDeletion"] = "true";
        values["Input.SecurityFieldsShown"] = "true";
        values["Input.Name"] = "x";
        values["Input.RedirectUris"] = Redirect;

        var response = await developer.PostAsync($"/Developer/Clients/{client.ClientId}/Edit", new FormUrlEncodedContent(values));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.NotNull((await StoredAsync(client.ClientId)).SecretHash);
    }
}
