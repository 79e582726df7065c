using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// <see cref="DpopClientHandler"/>'s own rules, against scripted answers of the shapes RFC 9449 §§8 and 9 give (the
/// portal answers so only when <c>OAuth:Dpop:RequireNonce</c> is on): what it puts in each proof, and that it retries a
/// nonce challenge exactly once with the nonce. The flows against the portal are in <see cref="IdentityModelDpopTests"/>.
/// </summary>
public sealed class DpopClientHandlerTests
{
    private const string TokenUrl = "https://as.example.test/oauth2/token";
    private const string ApiUrl = "https://as.example.test/api/me";

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_TokenRequest_ProofHasMethodUrlWithoutQueryIatJtiAndNoAth()
    {
        var (handler, server) = Create(Answer(HttpStatusCode.OK));

        await Send(handler, new HttpRequestMessage(HttpMethod.Post, TokenUrl + "?x=1#f"));

        var proof = new JsonWebToken(server.Proofs.Single());
        Assert.Equal("dpop+jwt", proof.Typ);
        Assert.Equal("ES256", proof.Alg);
        Assert.Equal("POST", proof.GetPayloadValue<string>("htm"));
        Assert.Equal(TokenUrl, proof.GetPayloadValue<string>("htu"));
        Assert.Equal(Now.ToUnixTimeSeconds(), proof.GetPayloadValue<long>("iat"));
        Assert.False(string.IsNullOrEmpty(proof.Id));
        Assert.False(proof.TryGetPayloadValue<string>("ath", out _));
        Assert.False(proof.TryGetPayloadValue<string>("nonce", out _));
    }

    [Fact]
    public async Task Send_DpopAuthorization_ProofHasAthOfTheToken()
    {
        var (handler, server) = Create(Answer(HttpStatusCode.OK));

        await Send(handler, Api("the-access-token"));

        // base64url(SHA-256("the-access-token")), computed independently.
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("the-access-token"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            new JsonWebToken(server.Proofs.Single()).GetPayloadValue<string>("ath"));
    }

    [Fact]
    public async Task Send_TokenEndpointAsksForANonce_RetriesOnceWithAFreshProofCarryingIt()
    {
        var (handler, server) = Create(Answer(HttpStatusCode.BadRequest, "n-1", """{"error":"use_dpop_nonce"}"""), Answer(HttpStatusCode.OK));

        var response = await Send(handler, new HttpRequestMessage(HttpMethod.Post, TokenUrl) { Content = new FormUrlEncodedContent([new("grant_type", "x")]) });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(1, handler.NonceRetries);
        Assert.Equal(["grant_type=x", "grant_type=x"], server.Bodies);
        var (first, second) = (new JsonWebToken(server.Proofs[0]), new JsonWebToken(server.Proofs[1]));
        Assert.False(first.TryGetPayloadValue<string>("nonce", out _));
        Assert.Equal("n-1", second.GetPayloadValue<string>("nonce"));
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Send_ResourceAsksForANonce_RetriesOnceWithTheNonceAndAth()
    {
        var challenge = Answer(HttpStatusCode.Unauthorized, "n-2");
        challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("DPoP", "error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\""));
        var (handler, server) = Create(challenge, Answer(HttpStatusCode.OK));

        Html.AssertStatus(HttpStatusCode.OK, await Send(handler, Api("t")));

        var retried = new JsonWebToken(server.Proofs[1]);
        Assert.Equal("n-2", retried.GetPayloadValue<string>("nonce"));
        Assert.True(retried.TryGetPayloadValue<string>("ath", out _));
    }

    [Fact]
    public async Task Send_NonceRefusedTwice_GivesTheSecondAnswerBackWithoutAThirdTry()
    {
        var (handler, server) = Create(
            Answer(HttpStatusCode.BadRequest, "n-1", """{"error":"use_dpop_nonce"}"""), Answer(HttpStatusCode.BadRequest, "n-2", """{"error":"use_dpop_nonce"}"""));

        var response = await Send(handler, new HttpRequestMessage(HttpMethod.Post, TokenUrl));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("use_dpop_nonce", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Proofs.Count);
        Assert.Equal("n-2", handler.NonceFor(new Uri(TokenUrl)));
    }

    [Fact]
    public async Task Send_OtherErrors_AreNotRetried()
    {
        var (handler, server) = Create(Answer(HttpStatusCode.BadRequest, "n-1", """{"error":"invalid_grant"}"""));

        Html.AssertStatus(HttpStatusCode.BadRequest, await Send(handler, new HttpRequestMessage(HttpMethod.Post, TokenUrl)));

        Assert.Single(server.Proofs);
        Assert.Equal(0, handler.NonceRetries);
    }

    [Fact]
    public async Task Send_NonceOnASuccess_IsUsedByTheNextRequestToThatOrigin()
    {
        var (handler, server) = Create(Answer(HttpStatusCode.OK, "n-3"), Answer(HttpStatusCode.OK), Answer(HttpStatusCode.OK));

        await Send(handler, new HttpRequestMessage(HttpMethod.Post, TokenUrl));
        await Send(handler, Api("t"));
        await Send(handler, new HttpRequestMessage(HttpMethod.Get, "https://other.example.test/api"));

        Assert.Equal("n-3", new JsonWebToken(server.Proofs[1]).GetPayloadValue<string>("nonce"));
        Assert.False(new JsonWebToken(server.Proofs[2]).TryGetPayloadValue<string>("nonce", out _));
        Assert.Equal(0, handler.NonceRetries);
    }

    private static (DpopClientHandler Handler, ScriptedServer Server) Create(params HttpResponseMessage[] answers)
    {
        var server = new ScriptedServer(answers);
        return (new DpopClientHandler(DpopKey.Ec(), new FakeTimeProvider(Now), server), server);
    }

    private static async Task<HttpResponseMessage> Send(DpopClientHandler handler, HttpRequestMessage request)
    {
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    private static HttpRequestMessage Api(string accessToken) =>
        new(HttpMethod.Get, ApiUrl) { Headers = { Authorization = new AuthenticationHeaderValue("DPoP", accessToken) } };

    private static HttpResponseMessage Answer(HttpStatusCode status, string? nonce = null, string? json = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json ?? "{}", Encoding.UTF8, "application/json") };
        if (nonce is not null)
        {
            response.Headers.Add("DPoP-Nonce", nonce);
        }

        return response;
    }

    /// <summary>Answers in order, and keeps each request's DPoP header and body as it was when sent.</summary>
    private sealed class ScriptedServer(IEnumerable<HttpResponseMessage> answers) : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _answers = new(answers);

        public List<string> Proofs { get; } = [];

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Proofs.Add(request.Headers.GetValues("DPoP").Single());
            if (request.Content is not null)
            {
                Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var answer = _answers.Dequeue();
            answer.RequestMessage = request;
            return answer;
        }
    }
}
