import Alert from '@mui/material/Alert';
import { ResponseError } from '@backstage/errors';

function describe(error: Error): { denied: boolean; message: string } {
  if (ResponseError.is(error)) {
    return {
      denied: error.statusCode === 403,
      message: error.cause.message || error.message,
    };
  }
  return { denied: false, message: error.message };
}

/**
 * The error of a recommendations request, shown where the recommendations
 * would be and nowhere else: the page around it keeps working.
 *
 * @public
 */
export const RecommendationError = (props: { error: Error }) => {
  const { denied, message } = describe(props.error);
  if (denied) {
    return (
      <Alert severity="info" role="status">
        You may not see recommendations.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" role="status">
      Recommendations are unavailable: {message}
    </Alert>
  );
};
