// STS answers in its real AWS Query protocol (XML), as documented for AssumeRoleWithWebIdentity.
export const ACCESS_KEY_ID = "ASIAQXAMPLE7TESTKEY1";
export const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
export const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvalue0123456789abcdefSESSIONtokenTAIL";

export function assumeRoleXml(): string {
  return `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>repo:acme/infra:pull_request</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/plan/devops-agent-infra-42</Arn>
      <AssumedRoleId>AROAEXAMPLEROLEID:devops-agent-infra-42</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>${SESSION_TOKEN}</SessionToken>
      <SecretAccessKey>${SECRET_ACCESS_KEY}</SecretAccessKey>
      <Expiration>2026-11-25T02:00:00Z</Expiration>
      <AccessKeyId>${ACCESS_KEY_ID}</AccessKeyId>
    </Credentials>
    <Provider>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;
}

export function callerIdentityXml(account: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::${account}:assumed-role/plan/devops-agent-infra-42</Arn>
    <UserId>AROAEXAMPLEROLEID:devops-agent-infra-42</UserId>
    <Account>${account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;
}

export function stsErrorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error>
  <RequestId>a1b2c3d4-0000-1111-2222-333344445555</RequestId>
</ErrorResponse>`;
}
